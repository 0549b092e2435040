using K2.Lakehouse.Iceberg.Manifests;

namespace K2.Lakehouse.Maintenance;

/// <summary>The small files of one partition that one compaction rewrites together.</summary>
public sealed record CompactionGroup(int SpecId, PartitionData Partition, IReadOnlyList<DataFile> Files)
{
    public long Bytes => Files.Sum(f => f.FileSizeInBytes);

    public long Records => Files.Sum(f => f.RecordCount);
}

/// <summary>Decides which partitions are worth compacting and which of their files to rewrite.</summary>
public static class CompactionPlanner
{
    /// <param name="liveFiles">The live data files of the current snapshot.</param>
    /// <param name="defaultSpecId">Only files of the default spec are rewritten (the writer writes that spec; files of an older spec would change partition).</param>
    /// <param name="targetFileBytes">The writer's target file size in bytes.</param>
    /// <param name="targetFileRows">The writer's target file size in rows.</param>
    /// <param name="options">Thresholds.</param>
    public static IReadOnlyList<CompactionGroup> Plan(
        IEnumerable<DataFile> liveFiles,
        int defaultSpecId,
        long targetFileBytes,
        long targetFileRows,
        MaintenanceOptions options)
    {
        var smallBytes = targetFileBytes * options.SmallFileFraction;
        var smallRows = targetFileRows * options.SmallFileFraction;
        var groups = new List<CompactionGroup>();
        var partitions = liveFiles
            .Where(f => f.SpecId == defaultSpecId && f.FileSizeInBytes < smallBytes && f.RecordCount < smallRows)
            .GroupBy(f => f.Partition);
        foreach (var partition in partitions)
        {
            var small = partition.ToList();
            if (small.Count <= options.MinSmallFilesPerPartition)
            {
                continue;
            }

            // Smallest first, so the byte budget merges as many files as possible; the rest wait for the next run.
            var chosen = new List<DataFile>();
            long bytes = 0;
            foreach (var file in small.OrderBy(f => f.FileSizeInBytes).ThenBy(f => f.Location, StringComparer.Ordinal))
            {
                if (chosen.Count > 0 && bytes + file.FileSizeInBytes > options.MaxRewriteBytesPerPartition)
                {
                    break;
                }

                chosen.Add(file);
                bytes += file.FileSizeInBytes;
            }

            if (chosen.Count > 1)
            {
                groups.Add(new CompactionGroup(defaultSpecId, partition.Key, chosen));
            }
        }

        return groups;
    }
}
