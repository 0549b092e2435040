using System.Globalization;
using System.Text.Json;

namespace K2.Kafka.Diagnostics;

/// <summary>Reads the per-partition lag out of librdkafka's statistics JSON (<c>statistics.interval.ms</c>).</summary>
public static class ConsumerStatistics
{
    /// <summary>
    /// The client's name and the <c>consumer_lag</c> of each partition it reports: the distance from the committed
    /// offset to the last stable offset (read_committed), so it counts what a crash would make the group read again.
    /// Partitions with an unknown lag (-1: not owned, or nothing committed and no offsets fetched yet) and librdkafka's
    /// internal partition -1 are left out.
    /// </summary>
    public static (string Client, IReadOnlyList<PartitionLag> Partitions) ReadLag(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var client = root.GetProperty("name").GetString() ?? string.Empty;
        var lags = new List<PartitionLag>();
        if (root.TryGetProperty("topics", out var topics))
        {
            foreach (var topic in topics.EnumerateObject())
            {
                foreach (var partition in topic.Value.GetProperty("partitions").EnumerateObject())
                {
                    var id = int.Parse(partition.Name, CultureInfo.InvariantCulture);
                    var lag = partition.Value.TryGetProperty("consumer_lag", out var value) ? value.GetInt64() : -1;
                    if (id >= 0 && lag >= 0)
                    {
                        lags.Add(new PartitionLag(topic.Name, id, lag));
                    }
                }
            }
        }

        return (client, lags);
    }
}
