using K2.Lakehouse.Bars;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;

namespace K2.Lakehouse.Tests.Maintenance;

/// <summary>Orphan removal deletes old unreferenced files and nothing else.</summary>
public sealed class OrphanFileRemovalTests : IAsyncLifetime
{
    private static readonly TimeSpan SafetyAge = TimeSpan.FromDays(1);
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await SmallFileTable.CreateHarnessAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Old_unreferenced_files_are_deleted_and_referenced_or_young_ones_kept()
    {
        await _lakehouse.CreateTradesAsync();
        var written = await SmallFileTable.AppendAsync(_lakehouse, appends: 3);
        var table = SmallFileTable.PathOf(_lakehouse, (await SmallFileTable.LoadAsync(_lakehouse)).Location);
        var referenced = Directory.EnumerateFiles(table, "*", SearchOption.AllDirectories).ToList();
        var someData = referenced.First(f => f.EndsWith(".parquet", StringComparison.Ordinal));
        var partition = Path.GetDirectoryName(someData)!;

        // Orphans of the kinds failed commits leave: a data file, a manifest, a metadata file.
        var oldData = Plant(Path.Combine(partition, "orphan-old.parquet"), someData);
        var oldManifest = Plant(Path.Combine(table, "metadata", $"{Guid.NewGuid()}-m0.avro"), null);
        var oldMetadata = Plant(Path.Combine(table, "metadata", $"00099-{Guid.NewGuid()}.metadata.json"), null);
        var young = Plant(Path.Combine(partition, "orphan-young.parquet"), someData);
        // Everything else is old too, so only being referenced keeps it.
        var longAgo = DateTime.UtcNow - (SafetyAge * 3);
        foreach (var file in referenced.Append(oldData).Append(oldManifest).Append(oldMetadata))
        {
            File.SetLastWriteTimeUtc(file, longAgo);
        }

        var result = await _lakehouse.Orphans.RemoveAsync(MarketDataTables.Trades, DateTimeOffset.UtcNow - SafetyAge, CancellationToken.None);

        Assert.Equal(referenced.Count + 4, result.FilesListed);
        Assert.Equal(
            new[] { oldData, oldManifest, oldMetadata }.Order(StringComparer.Ordinal),
            result.DeletedFiles.Select(l => SmallFileTable.PathOf(_lakehouse, l)).Order(StringComparer.Ordinal));
        Assert.Equal(1, result.YoungOrphansKept);
        Assert.Equal(0, result.FailedDeletes);
        Assert.True(File.Exists(young));
        Assert.All(referenced, f => Assert.True(File.Exists(f), f));
        MarketDataAssert.SameTrades(written, await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current));
    }

    [Fact]
    public async Task Sidecars_of_live_data_files_are_kept_and_sidecars_without_a_live_data_file_deleted()
    {
        await _lakehouse.CreateTradesAsync();
        await SmallFileTable.AppendAsync(_lakehouse, appends: 2);
        var live = (await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.Current)).Select(f => SmallFileTable.PathOf(_lakehouse, f.Location)).ToList();
        var sidecars = live.Select(BarSidecar.LocationFor).ToList();
        Assert.All(sidecars, f => Assert.True(File.Exists(f), f));
        var partition = Path.GetDirectoryName(live[0])!;
        // The sidecar of a data file a failed commit left behind and orphan removal already took.
        var stray = Plant(Path.Combine(partition, "gone" + BarSidecar.Suffix), sidecars[0]);
        var table = SmallFileTable.PathOf(_lakehouse, (await SmallFileTable.LoadAsync(_lakehouse)).Location);
        foreach (var file in Directory.EnumerateFiles(table, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - (SafetyAge * 3));
        }

        var result = await _lakehouse.Orphans.RemoveAsync(MarketDataTables.Trades, DateTimeOffset.UtcNow - SafetyAge, CancellationToken.None);

        Assert.Equal([stray], result.DeletedFiles.Select(l => SmallFileTable.PathOf(_lakehouse, l)));
        Assert.All(sidecars, f => Assert.True(File.Exists(f), f));
    }

    private static string Plant(string path, string? copyOf)
    {
        if (copyOf is null)
        {
            File.WriteAllText(path, "left behind by a failed commit");
        }
        else
        {
            File.Copy(copyOf, path);
        }

        return path;
    }
}
