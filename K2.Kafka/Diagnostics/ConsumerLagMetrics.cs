using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace K2.Kafka.Diagnostics;

/// <summary>
/// The gauge <see cref="KafkaTelemetry.ConsumerLag"/>: each consumer's latest statistics, one value per partition it
/// owns. A client's newest report replaces its previous one whole, so a partition it lost stops being reported.
/// </summary>
public sealed class ConsumerLagMetrics
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<PartitionLag>> _byClient = new(StringComparer.Ordinal);

    public ConsumerLagMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meterFactory.Create(KafkaTelemetry.MeterName).CreateObservableGauge(
            KafkaTelemetry.ConsumerLag,
            Observe,
            "{record}",
            "Records not yet committed by the consumer group, per owned partition.");
    }

    /// <summary>The lag each client reported last.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PartitionLag>> Current => _byClient;

    /// <summary>A statistics callback of a consumer (<c>SetStatisticsHandler</c>).</summary>
    public void OnStatistics(string json)
    {
        var (client, partitions) = ConsumerStatistics.ReadLag(json);
        _byClient[client] = partitions;
    }

    private IEnumerable<Measurement<long>> Observe() =>
        _byClient.SelectMany(client => client.Value.Select(partition => new Measurement<long>(
            partition.Lag,
            new KeyValuePair<string, object?>(KafkaTelemetry.ClientTag, client.Key),
            new KeyValuePair<string, object?>(KafkaTelemetry.TopicTag, partition.Topic),
            new KeyValuePair<string, object?>(KafkaTelemetry.PartitionTag, partition.Partition))));
}
