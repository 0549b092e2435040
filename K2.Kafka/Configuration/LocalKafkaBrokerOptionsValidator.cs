using Microsoft.Extensions.Options;

namespace K2.Kafka.Configuration;

/// <summary>Validates the local-broker section alone, for the AppHost that starts the broker.</summary>
[OptionsValidator]
public sealed partial class LocalKafkaBrokerOptionsValidator : IValidateOptions<LocalKafkaBrokerOptions>;
