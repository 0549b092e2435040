using K2.Kafka.Topics;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Configuration;

/// <summary>Rules that span several settings, which attributes cannot express.</summary>
public sealed class KafkaOptionsConsistencyValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var producer = options.Producer;
        if (producer.RetryBackoffMs > producer.RetryBackoffMaxMs)
        {
            failures.Add("K2:Kafka:Producer:RetryBackoffMs must not exceed RetryBackoffMaxMs.");
        }

        if (producer.QueueFullInitialBackoffMs > producer.QueueFullMaxBackoffMs)
        {
            failures.Add("K2:Kafka:Producer:QueueFullInitialBackoffMs must not exceed QueueFullMaxBackoffMs.");
        }

        if (producer.LingerMs >= producer.MessageTimeoutMs)
        {
            failures.Add("K2:Kafka:Producer:MessageTimeoutMs must exceed LingerMs, or every record times out in its batch.");
        }

        if ((long)producer.QueueBufferingMaxKbytes * 1024 < producer.BatchSizeBytes)
        {
            failures.Add("K2:Kafka:Producer:QueueBufferingMaxKbytes must hold at least one batch (BatchSizeBytes).");
        }

        if (options.Consumer.FetchMaxBytes < options.Consumer.MaxPartitionFetchBytes)
        {
            failures.Add("K2:Kafka:Consumer:FetchMaxBytes must be at least MaxPartitionFetchBytes.");
        }

        if (options.Topics.ReplicationFactor == 0)
        {
            failures.Add("K2:Kafka:Topics:ReplicationFactor must be -1 (broker default) or at least 1.");
        }

        failures.AddRange(options.Topics.EffectiveDeadLetterSources
            .Where(source => !KafkaTopics.IsValidSource(source))
            .Select(source => $"K2:Kafka:Topics:DeadLetterSources has '{source}', which is not a valid source name."));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
