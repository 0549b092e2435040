using System.Diagnostics;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Maintenance;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using Xunit.Abstractions;

namespace K2.Lakehouse.Tests.Maintenance;

/// <summary>Compaction merges a partition's small files into sorted target-size files without changing a row.</summary>
public sealed class CompactionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string OffsetsKey = "k2.kafka.offsets";
    private const string ClusterKey = "k2.kafka.cluster-id";
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await SmallFileTable.CreateHarnessAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Fifty_small_files_per_partition_become_a_few_sorted_target_size_files_with_identical_rows()
    {
        const int appends = 50;
        await _lakehouse.CreateTradesAsync();
        var written = await SmallFileTable.AppendAsync(_lakehouse, appends, summaryFor: i => new Dictionary<string, string>
        {
            [OffsetsKey] = $"{{\"k2.trades.binance\":{{\"0\":{i + 1}}}}}",
            [ClusterKey] = "cluster-a",
            ["flush.note"] = "not a k2. property",
        });
        var before = await SmallFileTable.LoadAsync(_lakehouse);
        var preCompaction = before.CurrentSnapshot!;
        var filesBefore = await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.Current);
        var rowsBefore = await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current);

        var clock = Stopwatch.StartNew();
        var results = await _lakehouse.Compactor.CompactAsync(MarketDataTables.Trades, CancellationToken.None);
        clock.Stop();

        var filesAfter = await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.Current);
        output.WriteLine($"files before {filesBefore.Count}, after {filesAfter.Count}, rows {written.Count}, compaction took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(appends * SmallFileTable.Partitions, filesBefore.Count);
        Assert.Equal(SmallFileTable.Partitions, results.Count);
        var rowsPerPartition = appends * SmallFileTable.RowsPerPartitionPerAppend;
        var filesPerPartition = (rowsPerPartition + SmallFileTable.TargetFileRows - 1) / SmallFileTable.TargetFileRows;
        Assert.All(results, r =>
        {
            Assert.Equal(RewriteCommitStatus.Committed, r.Status);
            Assert.Equal(appends, r.FilesBefore);
            Assert.Equal(filesPerPartition, r.FilesAfter);
            Assert.Equal(rowsPerPartition, r.Records);
        });
        Assert.Equal(SmallFileTable.Partitions * filesPerPartition, filesAfter.Count);
        Assert.All(filesAfter, f => Assert.True(f.RecordCount <= SmallFileTable.TargetFileRows));
        Assert.Equal(SmallFileTable.Partitions * (filesPerPartition - 1), filesAfter.Count(f => f.RecordCount == SmallFileTable.TargetFileRows));
        Assert.Empty(filesAfter.Select(f => f.Location).Intersect(filesBefore.Select(f => f.Location)));

        // Row for row through the scan planner and DuckDB: decimals, microsecond timestamps, lists, maps, nulls.
        var rowsAfter = await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current);
        MarketDataAssert.SameTrades(written, rowsBefore);
        MarketDataAssert.SameTrades(written, rowsAfter);

        // Time travel to the snapshot before compaction still reads the small files.
        MarketDataAssert.SameTrades(written, await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.ById(preCompaction.SnapshotId)));

        foreach (var file in filesAfter)
        {
            await AssertSortedAsync(SmallFileTable.PathOf(_lakehouse, file.Location));
        }

        var after = await SmallFileTable.LoadAsync(_lakehouse);
        var last = after.CurrentSnapshot!;
        Assert.Equal(SnapshotSummary.ReplaceOperation, last.Operation);
        Assert.Equal(appends, last.Counter(SnapshotSummary.DeletedDataFiles));
        Assert.Equal(filesPerPartition, last.Counter(SnapshotSummary.AddedDataFiles));
        Assert.Equal(rowsPerPartition, last.Counter(SnapshotSummary.DeletedRecords));
        Assert.Equal(rowsPerPartition, last.Counter(SnapshotSummary.AddedRecords));
        Assert.Equal(written.Count, last.Counter(SnapshotSummary.TotalRecords));
        Assert.Equal(filesAfter.Count, last.Counter(SnapshotSummary.TotalDataFiles));
        Assert.Equal(filesAfter.Sum(f => f.FileSizeInBytes), last.Counter(SnapshotSummary.TotalFilesSize));

        // Every replace snapshot carries the offsets consumers resume from, unchanged; other properties are not copied.
        foreach (var snapshot in after.CurrentAncestry().TakeWhile(s => s.SnapshotId != preCompaction.SnapshotId))
        {
            Assert.Equal(SnapshotSummary.ReplaceOperation, snapshot.Operation);
            Assert.Equal(preCompaction.Summary[OffsetsKey], snapshot.Summary[OffsetsKey]);
            Assert.Equal("cluster-a", snapshot.Summary[ClusterKey]);
            Assert.False(snapshot.Summary.ContainsKey("flush.note"));
        }
    }

    [Fact]
    public async Task A_partition_with_few_small_files_is_left_alone()
    {
        await _lakehouse.CreateTradesAsync();
        await SmallFileTable.AppendAsync(_lakehouse, appends: 10); // exactly the threshold: not more than it
        var before = (await SmallFileTable.LoadAsync(_lakehouse)).CurrentSnapshotId;

        var results = await _lakehouse.Compactor.CompactAsync(MarketDataTables.Trades, CancellationToken.None);

        Assert.Empty(results);
        Assert.Equal(before, (await SmallFileTable.LoadAsync(_lakehouse)).CurrentSnapshotId);
    }

    private static async Task AssertSortedAsync(string path)
    {
        var rows = await RawDuckDb.QueryAsync("SELECT symbol, epoch_us(\"timestamp\") FROM read_parquet($path)", ("path", path));
        var keys = rows.Select(r => ((string)r[0]!, (long)r[1]!)).ToList();
        var sorted = keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2).ToList();
        Assert.Equal(sorted, keys);
    }
}
