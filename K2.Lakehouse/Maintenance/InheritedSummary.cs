using K2.Lakehouse.Iceberg.Metadata;

namespace K2.Lakehouse.Maintenance;

/// <summary>The parent's summary properties a maintenance snapshot carries over (e.g. the Kafka offsets consumers resume from).</summary>
internal static class InheritedSummary
{
    public static Dictionary<string, string> From(Snapshot parent, string prefix) =>
        string.IsNullOrEmpty(prefix)
            ? []
            : parent.Summary.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
}
