using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;

namespace K2.Lakehouse.Iceberg.Manifests;

/// <summary>Builds the manifest-list <c>partitions</c> summaries that let planners skip whole manifests.</summary>
public static class PartitionSummaries
{
    public static IReadOnlyList<PartitionFieldSummary> Summarize(PartitionSpec spec, IcebergSchema schema, IReadOnlyCollection<PartitionData> partitions)
    {
        var summaries = new List<PartitionFieldSummary>(spec.Fields.Count);
        var types = PartitionTypes.Of(spec, schema);
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var type = types[i];
            var values = partitions.Select(p => p[i]).ToList();
            var present = values.Where(v => v is not null).Cast<object>().ToList();
            if (present.Count == 0)
            {
                summaries.Add(new PartitionFieldSummary(values.Count > 0, null, null, null));
                continue;
            }

            var lower = present.Aggregate((a, b) => SingleValue.Compare(type, a, b) <= 0 ? a : b);
            var upper = present.Aggregate((a, b) => SingleValue.Compare(type, a, b) >= 0 ? a : b);
            summaries.Add(new PartitionFieldSummary(
                present.Count < values.Count,
                null, // NaN only exists for float/double partition values, which K2 does not use.
                SingleValue.Serialize(type, lower),
                SingleValue.Serialize(type, upper)));
        }

        return summaries;
    }
}
