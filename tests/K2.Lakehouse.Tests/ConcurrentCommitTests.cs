using K2.Contracts.Model;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Testing;
using Xunit.Abstractions;

namespace K2.Lakehouse.Tests;

/// <summary>
/// Compare-and-swap commits under contention: racing writers all land, conflicts rebase onto the winner, and the
/// caller's <c>stillNeeded</c> check is re-run against the latest metadata on every attempt.
/// </summary>
public sealed class ConcurrentCommitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string OffsetsKey = "k2.kafka.offsets";
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await LakehouseHarness.CreateAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Two_writers_racing_many_appends_all_commit_and_nothing_is_lost()
    {
        const int appendsPerWriter = 8;
        const int tradesPerAppend = 5;
        await _lakehouse.CreateTradesAsync();
        await using var second = _lakehouse.SecondWriter();

        var results = await Task.WhenAll(
            Task.Run(() => AppendManyAsync(_lakehouse, firstId: 0, appendsPerWriter, tradesPerAppend)),
            Task.Run(() => AppendManyAsync(second, firstId: 100_000, appendsPerWriter, tradesPerAppend)));

        var commits = results.SelectMany(r => r).ToList();
        output.WriteLine($"attempts per commit: {string.Join(",", commits.Select(c => c.Result.Attempts))}");
        Assert.All(commits, c => Assert.Equal(AppendCommitStatus.Committed, c.Result.Status));
        var table = await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        var metadata = table.Metadata;
        var total = 2 * appendsPerWriter * tradesPerAppend;
        Assert.Equal(total, metadata.CurrentSnapshot!.Counter(SnapshotSummary.TotalRecords));
        Assert.Equal(commits.Sum(c => c.Files.Count), metadata.CurrentSnapshot.Counter(SnapshotSummary.TotalDataFiles));
        AssertLinearHistory(metadata, expectedSnapshots: 2 * appendsPerWriter);

        var plan = await _lakehouse.Planner.PlanAsync(metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        Assert.Equal(commits.SelectMany(c => c.Files).Select(f => f.Location).Order(), plan.Files.Select(f => f.Location).Order());
        Assert.Equal(2 * appendsPerWriter, plan.Metrics.ManifestsInSnapshot); // fast append: one manifest per commit, all kept
        Assert.Equal(total, (await _lakehouse.Reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_lost_race_rebases_onto_the_winner_and_reuses_its_manifest()
    {
        await _lakehouse.CreateTradesAsync();
        await using var rival = _lakehouse.SecondWriter();
        var mine = Batch(1, 4);
        var theirs = Batch(1_000, 3);
        var table = await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        var myFiles = await _lakehouse.Writer.WriteAsync(table.Metadata, mine, K2.Lakehouse.Writing.MarketDataLayouts.Trades, CancellationToken.None);
        AppendCommitResult? rivalCommit = null;

        var result = await _lakehouse.Committer.CommitAppendAsync(MarketDataTables.Trades, myFiles, new Dictionary<string, string>(), _ =>
        {
            // Between my read of the table and my pointer swap, the rival commits.
            rivalCommit ??= Task.Run(() => rival.AppendTradesAsync(theirs)).GetAwaiter().GetResult().Result;
            return true;
        }, CancellationToken.None);

        Assert.Equal(AppendCommitStatus.Committed, result.Status);
        Assert.Equal(2, result.Attempts);
        var metadata = result.Table.Metadata;
        var snapshot = metadata.CurrentSnapshot!;
        Assert.Equal(rivalCommit!.SnapshotId, snapshot.ParentSnapshotId);
        Assert.Equal(2, snapshot.SequenceNumber);
        Assert.Equal(7, snapshot.Counter(SnapshotSummary.TotalRecords));
        var manifests = await ManifestListReader.ReadAsync(_lakehouse.Storage, snapshot.ManifestList, CancellationToken.None);
        var rivalManifests = await ManifestListReader.ReadAsync(_lakehouse.Storage, metadata.Snapshot(rivalCommit.SnapshotId!.Value).ManifestList, CancellationToken.None);
        Assert.Equal(2, manifests.Count);
        Assert.Equal(rivalManifests.Single().Path, manifests[1].Path); // the winner's manifest, listed as it was
        Assert.Equal((2L, 2L, snapshot.SnapshotId), (manifests[0].SequenceNumber, manifests[0].MinSequenceNumber, manifests[0].AddedSnapshotId));
        await AssertNoUncommittedMetadataFilesAsync(metadata);
        var plan = await _lakehouse.Planner.PlanAsync(metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        MarketDataAssert.SameTrades(mine.Concat(theirs), await _lakehouse.Reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None));
    }

    [Fact]
    public async Task Commit_is_skipped_when_still_needed_says_no()
    {
        await _lakehouse.CreateTradesAsync();
        var offsets = new Dictionary<string, string> { [OffsetsKey] = "market.trades:0:0-99" };
        var (first, _) = await _lakehouse.AppendTradesAsync(Batch(1, 3), offsets, m => !Recorded(m, offsets[OffsetsKey]));

        var (replay, _) = await _lakehouse.AppendTradesAsync(Batch(1, 3), offsets, m => !Recorded(m, offsets[OffsetsKey]));

        Assert.Equal(AppendCommitStatus.Committed, first.Status);
        Assert.Equal(AppendCommitStatus.Skipped, replay.Status);
        Assert.Null(replay.SnapshotId);
        Assert.Equal(first.Table.MetadataLocation, replay.Table.MetadataLocation);
        var table = await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        Assert.Equal(first.Table.MetadataLocation, table.MetadataLocation);
        Assert.Equal(3, table.Metadata.CurrentSnapshot!.Counter(SnapshotSummary.TotalRecords));
        Assert.Equal("market.trades:0:0-99", table.Metadata.CurrentSnapshot.Summary[OffsetsKey]);
        await AssertNoUncommittedMetadataFilesAsync(table.Metadata);
    }

    [Fact]
    public async Task Still_needed_is_re_evaluated_against_the_latest_metadata_after_a_conflict()
    {
        await _lakehouse.CreateTradesAsync();
        await using var rival = _lakehouse.SecondWriter();
        var offsets = new Dictionary<string, string> { [OffsetsKey] = "market.trades:3:500-599" };
        var table = await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        var files = await _lakehouse.Writer.WriteAsync(table.Metadata, Batch(1, 2), K2.Lakehouse.Writing.MarketDataLayouts.Trades, CancellationToken.None);
        var checks = 0;

        var result = await _lakehouse.Committer.CommitAppendAsync(MarketDataTables.Trades, files, offsets, metadata =>
        {
            if (++checks == 1)
            {
                // The same offsets get committed by another silo after this attempt read the table.
                Task.Run(() => rival.AppendTradesAsync(Batch(1, 2), offsets)).GetAwaiter().GetResult();
            }

            return !Recorded(metadata, offsets[OffsetsKey]);
        }, CancellationToken.None);

        Assert.Equal(AppendCommitStatus.Skipped, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, checks);
        Assert.Equal(2, result.Table.Metadata.CurrentSnapshot!.Counter(SnapshotSummary.TotalRecords));
        Assert.Single(result.Table.Metadata.Snapshots);
        await AssertNoUncommittedMetadataFilesAsync(result.Table.Metadata);
    }

    [Fact]
    public async Task Commit_gives_up_after_the_configured_attempts_and_cleans_up()
    {
        await using var lakehouse = await LakehouseHarness.CreateAsync(new Dictionary<string, string?> { ["CommitMaxAttempts"] = "2" });
        await lakehouse.CreateTradesAsync();
        await using var rival = lakehouse.SecondWriter();
        var table = await lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        var files = await lakehouse.Writer.WriteAsync(table.Metadata, Batch(1, 2), K2.Lakehouse.Writing.MarketDataLayouts.Trades, CancellationToken.None);
        var rivalId = 10_000L;

        var failure = await Assert.ThrowsAsync<CommitFailedException>(() => lakehouse.Committer.CommitAppendAsync(MarketDataTables.Trades, files, new Dictionary<string, string>(), _ =>
        {
            var batch = Batch(rivalId += 10, 1);
            Task.Run(() => rival.AppendTradesAsync(batch)).GetAwaiter().GetResult();
            return true;
        }, CancellationToken.None));

        Assert.Equal(2, failure.Attempts);
        var after = await lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        Assert.Equal(2, after.Metadata.Snapshots.Count); // only the rival's two commits
        Assert.Equal(2, after.Metadata.CurrentSnapshot!.Counter(SnapshotSummary.TotalRecords));
        await AssertNoUncommittedMetadataFilesAsync(after.Metadata, lakehouse);
    }

    private static async Task<List<(AppendCommitResult Result, IReadOnlyList<DataFile> Files)>> AppendManyAsync(LakehouseHarness writer, long firstId, int appends, int tradesPerAppend)
    {
        var results = new List<(AppendCommitResult, IReadOnlyList<DataFile>)>();
        for (var i = 0; i < appends; i++)
        {
            results.Add(await writer.AppendTradesAsync(Batch(firstId + (i * tradesPerAppend), tradesPerAppend)));
        }

        return results;
    }

    /// <summary>Sequence numbers 1..n along the parent chain, each snapshot in the log once, in commit order.</summary>
    private static void AssertLinearHistory(TableMetadata metadata, int expectedSnapshots)
    {
        var chain = metadata.CurrentAncestry().ToList();
        Assert.Equal(expectedSnapshots, chain.Count);
        Assert.Equal(Enumerable.Range(1, expectedSnapshots).Reverse().Select(n => (long)n), chain.Select(s => s.SequenceNumber));
        Assert.Null(chain[^1].ParentSnapshotId);
        Assert.Equal(expectedSnapshots, metadata.LastSequenceNumber);
        Assert.Equal(chain.Select(s => s.SnapshotId).Reverse(), metadata.SnapshotLog.Select(e => e.SnapshotId));
        Assert.True(metadata.SnapshotLog.Zip(metadata.SnapshotLog.Skip(1)).All(p => p.First.TimestampMs < p.Second.TimestampMs));
        Assert.Equal(expectedSnapshots, metadata.MetadataLog.Count);
    }

    /// <summary>Every metadata file on disk is the current one, in the metadata log, or referenced by a snapshot.</summary>
    private async Task AssertNoUncommittedMetadataFilesAsync(TableMetadata metadata, LakehouseHarness? lakehouse = null)
    {
        var storage = (lakehouse ?? _lakehouse).Storage;
        var referenced = new HashSet<string>(metadata.MetadataLog.Select(e => e.MetadataFile), StringComparer.Ordinal);
        foreach (var snapshot in metadata.Snapshots)
        {
            referenced.Add(snapshot.ManifestList);
            foreach (var manifest in await ManifestListReader.ReadAsync(storage, snapshot.ManifestList, CancellationToken.None))
            {
                referenced.Add(manifest.Path);
            }
        }

        var current = await (lakehouse ?? _lakehouse).Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        referenced.Add(current.MetadataLocation);
        var onDisk = new List<string>();
        await foreach (var file in storage.ListAsync($"{metadata.Location}/metadata/", CancellationToken.None))
        {
            onDisk.Add(file);
        }

        Assert.Equal(referenced.Order(), onDisk.Order());
    }

    private static bool Recorded(TableMetadata metadata, string offsets) =>
        metadata.CurrentAncestry().Any(s => s.Summary.TryGetValue(OffsetsKey, out var value) && value == offsets);

    private static List<Trade> Batch(long firstId, int count) =>
        Enumerable.Range(0, count).Select(i => Trades.Binance(firstId + i, MarketDataSamples.Day1.AddHours(12).AddMilliseconds(firstId + i))).ToList();
}
