using Microsoft.Extensions.Options;

namespace K2.Kafka.Configuration;

/// <summary>Source-generated data-annotation validation of <see cref="KafkaOptions"/> and its nested sections.</summary>
[OptionsValidator]
public sealed partial class KafkaOptionsValidator : IValidateOptions<KafkaOptions>;
