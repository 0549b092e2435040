using Microsoft.Extensions.Options;

namespace K2.Kafka.Configuration;

/// <summary>Validates the topic section alone, for the AppHost, which has no bootstrap servers yet.</summary>
[OptionsValidator]
public sealed partial class KafkaTopicOptionsValidator : IValidateOptions<KafkaTopicOptions>;
