using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace K2.Silo.Flush;

/// <summary>
/// The next Kafka offset to read per topic partition, as recorded in an Iceberg snapshot summary
/// (<c>k2.kafka.offsets</c>, JSON <c>{"topic":{"partition":offset}}</c>) together with the Kafka cluster id the
/// offsets belong to (<c>k2.kafka.cluster-id</c>). The table, not Kafka, is the source of truth for where
/// consumption resumes.
/// </summary>
public sealed class KafkaOffsetMap
{
    public const string OffsetsProperty = "k2.kafka.offsets";
    public const string ClusterIdProperty = "k2.kafka.cluster-id";

    public static readonly KafkaOffsetMap Empty = new(string.Empty, ImmutableDictionary<TopicPartition, long>.Empty);

    private KafkaOffsetMap(string clusterId, ImmutableDictionary<TopicPartition, long> offsets)
    {
        ClusterId = clusterId;
        Offsets = offsets;
    }

    public string ClusterId { get; }

    public IReadOnlyDictionary<TopicPartition, long> Offsets { get; }

    public static KafkaOffsetMap Create(string clusterId, IEnumerable<KeyValuePair<TopicPartition, long>> offsets) =>
        new(clusterId, offsets.ToImmutableDictionary());

    /// <summary>
    /// Reads the map from a snapshot summary. Offsets recorded for another Kafka cluster (a recreated local broker,
    /// a migrated cluster) say nothing about this one, so they read as empty.
    /// </summary>
    public static KafkaOffsetMap FromSummary(IReadOnlyDictionary<string, string>? summary, string expectedClusterId)
    {
        if (summary is null
            || !summary.TryGetValue(ClusterIdProperty, out var clusterId)
            || clusterId != expectedClusterId
            || !summary.TryGetValue(OffsetsProperty, out var json))
        {
            return Empty;
        }

        var offsets = ImmutableDictionary.CreateBuilder<TopicPartition, long>();
        using var document = JsonDocument.Parse(json);
        foreach (var topic in document.RootElement.EnumerateObject())
        {
            foreach (var partition in topic.Value.EnumerateObject())
            {
                offsets[new TopicPartition(topic.Name, int.Parse(partition.Name, CultureInfo.InvariantCulture))] = partition.Value.GetInt64();
            }
        }

        return new KafkaOffsetMap(clusterId, offsets.ToImmutable());
    }

    public long? NextOffset(TopicPartition partition) => Offsets.TryGetValue(partition, out var offset) ? offset : null;

    /// <summary>This map with <paramref name="advanced"/> laid over it: the partitions one writer owns move on, the rest are kept.</summary>
    public KafkaOffsetMap With(string clusterId, IReadOnlyDictionary<TopicPartition, long> advanced)
    {
        var merged = (ClusterId == clusterId ? (ImmutableDictionary<TopicPartition, long>)Offsets : ImmutableDictionary<TopicPartition, long>.Empty)
            .SetItems(advanced);
        return new KafkaOffsetMap(clusterId, merged);
    }

    public IReadOnlyDictionary<string, string> ToSummary()
    {
        var byTopic = Offsets
            .GroupBy(entry => entry.Key.Topic, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => group.OrderBy(entry => entry.Key.Partition)
                    .ToDictionary(entry => entry.Key.Partition.ToString(CultureInfo.InvariantCulture), entry => entry.Value),
                StringComparer.Ordinal);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OffsetsProperty] = JsonSerializer.Serialize(byTopic),
            [ClusterIdProperty] = ClusterId,
        };
    }
}
