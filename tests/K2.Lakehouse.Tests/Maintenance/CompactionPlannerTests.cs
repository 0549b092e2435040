using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Maintenance;

namespace K2.Lakehouse.Tests.Maintenance;

/// <summary>Which partitions compaction picks, and which of their files.</summary>
public sealed class CompactionPlannerTests
{
    private const long TargetBytes = 1_000;
    private const long TargetRows = 100;
    private static readonly PartitionData Binance = new(["BINANCE", 20_522]);
    private static readonly PartitionData Asx = new(["ASX", 20_522]);

    private static readonly MaintenanceOptions Options = new()
    {
        MinSmallFilesPerPartition = 3,
        SmallFileFraction = 0.75,
        MaxRewriteBytesPerPartition = 10_000,
    };

    [Fact]
    public void Only_partitions_with_more_small_files_than_the_threshold_are_compacted()
    {
        var files = Files(Binance, 4, bytes: 100, rows: 10).Concat(Files(Asx, 3, bytes: 100, rows: 10));

        var group = Assert.Single(CompactionPlanner.Plan(files, 0, TargetBytes, TargetRows, Options));

        Assert.Equal(Binance, group.Partition);
        Assert.Equal(4, group.Files.Count);
    }

    [Fact]
    public void Files_near_the_target_by_bytes_or_by_rows_are_not_small()
    {
        var files = Files(Binance, 3, bytes: 100, rows: 10)
            .Append(File(Binance, "big-bytes", bytes: 750, rows: 10))
            .Append(File(Binance, "big-rows", bytes: 100, rows: 75));

        Assert.Empty(CompactionPlanner.Plan(files, 0, TargetBytes, TargetRows, Options));
        var oneMore = files.Append(File(Binance, "small", bytes: 749, rows: 74)).ToList();
        var group = Assert.Single(CompactionPlanner.Plan(oneMore, 0, TargetBytes, TargetRows, Options));
        Assert.DoesNotContain(group.Files, f => f.Location.Contains("big", StringComparison.Ordinal));
    }

    [Fact]
    public void The_byte_budget_takes_the_smallest_files_first_and_files_of_other_specs_are_left_alone()
    {
        var options = new MaintenanceOptions { MinSmallFilesPerPartition = 3, MaxRewriteBytesPerPartition = 350 };
        var files = new[]
        {
            File(Binance, "a", bytes: 300, rows: 1),
            File(Binance, "b", bytes: 100, rows: 1),
            File(Binance, "c", bytes: 200, rows: 1),
            File(Binance, "d", bytes: 50, rows: 1),
            File(Binance, "old-spec", bytes: 10, rows: 1) with { SpecId = 1 },
        };

        var group = Assert.Single(CompactionPlanner.Plan(files, 0, TargetBytes, TargetRows, options));

        Assert.Equal(["d", "b", "c"], group.Files.Select(f => f.Location));
        Assert.Equal(350, group.Bytes);
    }

    private static IEnumerable<DataFile> Files(PartitionData partition, int count, long bytes, long rows) =>
        Enumerable.Range(0, count).Select(i => File(partition, $"{partition}-{i}", bytes, rows));

    private static DataFile File(PartitionData partition, string location, long bytes, long rows) => new()
    {
        Location = location,
        SpecId = 0,
        Partition = partition,
        RecordCount = rows,
        FileSizeInBytes = bytes,
    };
}
