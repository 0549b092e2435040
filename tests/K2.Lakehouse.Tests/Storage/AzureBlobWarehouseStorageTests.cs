using Azure.Storage.Blobs;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tests.Infrastructure;

namespace K2.Lakehouse.Tests.Storage;

/// <summary>The Azure Blob warehouse keeps the storage contract: files appear whole or not at all, never overwritten.</summary>
public sealed class AzureBlobWarehouseStorageTests : IAsyncLifetime
{
    private BlobContainerClient _container = null!;
    private AzureBlobWarehouseStorage _storage = null!;

    public Task InitializeAsync()
    {
        if (Azurite.Endpoint is not null)
        {
            _container = new BlobContainerClient(Azurite.ConnectionString, Azurite.NewContainerName());
            _storage = new AzureBlobWarehouseStorage(_container, new AzureBlobWarehouseOptions { Container = _container.Name, Prefix = "lake" });
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (Azurite.Endpoint is not null)
        {
            await _container.DeleteIfExistsAsync();
        }
    }

    [AzuriteFact]
    public void Locations_use_the_abfss_form_of_the_account_container_and_prefix()
    {
        Assert.Equal($"abfss://{_container.Name}@devstoreaccount1.dfs.core.windows.net/lake", _storage.RootLocation);
    }

    [AzuriteFact]
    public async Task A_file_is_invisible_until_published_then_reads_back_with_seeks()
    {
        var location = $"{_storage.RootLocation}/t/data/a.parquet";
        var content = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        await using (var pending = await _storage.CreateAsync(location, CancellationToken.None))
        {
            await pending.Content.WriteAsync(content);
            // Parquet writers seek back to patch what they wrote; the staged file must allow it.
            pending.Content.Position = 0;
            pending.Content.WriteByte(42);
            content[0] = 42;

            Assert.False(await _storage.ExistsAsync(location, CancellationToken.None));
            Assert.Empty(await ListAsync($"{_storage.RootLocation}/t/"));

            Assert.Equal(content.Length, await pending.PublishAsync(CancellationToken.None));
        }

        Assert.True(await _storage.ExistsAsync(location, CancellationToken.None));
        Assert.Equal([location], await ListAsync($"{_storage.RootLocation}/t/"));
        await using var read = await _storage.OpenReadAsync(location, CancellationToken.None);
        read.Seek(500, SeekOrigin.Begin);
        var tail = new byte[500];
        await read.ReadExactlyAsync(tail);
        Assert.Equal(content[500..], tail);
    }

    [AzuriteFact]
    public async Task Last_modified_is_the_blobs_time_and_null_for_a_missing_file()
    {
        var location = $"{_storage.RootLocation}/t/data/m.parquet";
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using (var pending = await _storage.CreateAsync(location, CancellationToken.None))
        {
            await pending.Content.WriteAsync(new byte[] { 1, 2, 3 });
            await pending.PublishAsync(CancellationToken.None);
        }

        var modified = await _storage.GetLastModifiedAsync(location, CancellationToken.None);
        Assert.NotNull(modified);
        Assert.InRange(modified.Value, before, DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Null(await _storage.GetLastModifiedAsync($"{_storage.RootLocation}/t/data/none.parquet", CancellationToken.None));
    }

    [AzuriteFact]
    public async Task An_abandoned_write_leaves_nothing_behind()
    {
        var location = $"{_storage.RootLocation}/t/data/b.parquet";
        await using (var pending = await _storage.CreateAsync(location, CancellationToken.None))
        {
            await pending.Content.WriteAsync(new byte[10]);
        }

        Assert.False(await _storage.ExistsAsync(location, CancellationToken.None));
        Assert.Empty(await ListAsync(_storage.RootLocation));
    }

    [AzuriteFact]
    public async Task Publishing_over_an_existing_file_fails_and_keeps_the_first()
    {
        var location = $"{_storage.RootLocation}/t/c.json";
        await using (var first = await _storage.CreateAsync(location, CancellationToken.None))
        {
            first.Content.WriteByte(1);
            await first.PublishAsync(CancellationToken.None);
        }

        await using (var second = await _storage.CreateAsync(location, CancellationToken.None))
        {
            second.Content.WriteByte(2);
            await Assert.ThrowsAsync<IOException>(() => second.PublishAsync(CancellationToken.None));
        }

        await using var read = await _storage.OpenReadAsync(location, CancellationToken.None);
        Assert.Equal(1, read.ReadByte());
    }

    [AzuriteFact]
    public async Task Listing_matches_by_prefix_in_name_order_and_deleting_removes()
    {
        var names = new[] { "t/metadata/2.json", "t/metadata/1.json", "t/data/x.parquet", "u/other.json" };
        foreach (var name in names)
        {
            await using var pending = await _storage.CreateAsync($"{_storage.RootLocation}/{name}", CancellationToken.None);
            await pending.PublishAsync(CancellationToken.None);
        }

        Assert.Equal(
            [$"{_storage.RootLocation}/t/metadata/1.json", $"{_storage.RootLocation}/t/metadata/2.json"],
            await ListAsync($"{_storage.RootLocation}/t/metadata/"));

        await _storage.DeleteAsync($"{_storage.RootLocation}/t/metadata/1.json", CancellationToken.None);
        await _storage.DeleteAsync($"{_storage.RootLocation}/t/metadata/missing.json", CancellationToken.None);
        Assert.Equal([$"{_storage.RootLocation}/t/metadata/2.json"], await ListAsync($"{_storage.RootLocation}/t/metadata/"));
    }

    [AzuriteFact]
    public async Task Locations_outside_the_warehouse_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.OpenReadAsync("file:///etc/passwd", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.CreateAsync($"abfss://other@devstoreaccount1.dfs.core.windows.net/lake/x", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.CreateAsync($"{_storage.RootLocation}/../escape", CancellationToken.None));
    }

    [AzuriteFact]
    public void The_query_engine_reads_through_the_configured_mount_and_says_what_to_set_without_one()
    {
        var location = $"{_storage.RootLocation}/t/data/a.parquet";

        var error = Assert.Throws<NotSupportedException>(() => _storage.ResolveForQueryEngine(location));
        Assert.Contains("K2:Lakehouse:Storage:AzureBlob:QueryMountPath", error.Message, StringComparison.Ordinal);

        var mounted = new AzureBlobWarehouseStorage(_container, new AzureBlobWarehouseOptions { Container = _container.Name, Prefix = "lake", QueryMountPath = "/mnt/warehouse" });
        Assert.Equal("/mnt/warehouse/lake/t/data/a.parquet", mounted.ResolveForQueryEngine(location));
    }

    private async Task<List<string>> ListAsync(string prefix)
    {
        var locations = new List<string>();
        await foreach (var location in _storage.ListAsync(prefix, CancellationToken.None))
        {
            locations.Add(location);
        }

        return locations;
    }
}
