using K2.Lakehouse.Storage;

namespace K2.Lakehouse.Tests.Storage;

/// <summary>Files appear whole or not at all, and are never overwritten.</summary>
public sealed class LocalWarehouseStorageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"k2-storage-{Guid.NewGuid():N}");
    private readonly LocalWarehouseStorage _storage;

    public LocalWarehouseStorageTests() => _storage = new LocalWarehouseStorage(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_file_is_invisible_until_published()
    {
        var location = $"{_storage.RootLocation}/t/data/a.parquet";
        await using var pending = await _storage.CreateAsync(location, CancellationToken.None);
        await pending.Content.WriteAsync(new byte[100]);

        Assert.False(await _storage.ExistsAsync(location, CancellationToken.None));
        Assert.Empty(await ListAsync($"{_storage.RootLocation}/t/"));

        Assert.Equal(100, await pending.PublishAsync(CancellationToken.None));
        Assert.True(await _storage.ExistsAsync(location, CancellationToken.None));
        Assert.Equal([location], await ListAsync($"{_storage.RootLocation}/t/"));
    }

    [Fact]
    public async Task A_pending_files_writes_reads_and_flushes_finish_before_they_return_so_the_writer_keeps_its_thread()
    {
        var location = $"{_storage.RootLocation}/t/data/sync.parquet";
        await using var pending = await _storage.CreateAsync(location, CancellationToken.None);
        var content = pending.Content;
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray(); // past the file's 64 KiB buffer

        var write = content.WriteAsync(bytes.AsMemory());
        var flush = content.FlushAsync();
        Assert.True(write.IsCompletedSuccessfully, "the write was still in flight when it returned");
        Assert.True(flush.IsCompletedSuccessfully, "the flush was still in flight when it returned");

        // Read back as the footer rewrite does: seek, then read.
        content.Position = 1_000;
        var read = new byte[50_000];
        var reading = content.ReadAsync(read.AsMemory());
        Assert.True(reading.IsCompletedSuccessfully, "the read was still in flight when it returned");
        Assert.Equal(read.Length, await reading);
        Assert.Equal(bytes.AsSpan(1_000, read.Length).ToArray(), read);
        Assert.Equal(bytes.Length, await pending.PublishAsync(CancellationToken.None));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(new Uri(location).LocalPath));
    }

    [Fact]
    public async Task An_abandoned_write_leaves_nothing_behind()
    {
        var location = $"{_storage.RootLocation}/t/data/b.parquet";
        await using (var pending = await _storage.CreateAsync(location, CancellationToken.None))
        {
            await pending.Content.WriteAsync(new byte[10]);
        }

        Assert.False(await _storage.ExistsAsync(location, CancellationToken.None));
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Publishing_over_an_existing_file_fails()
    {
        var location = $"{_storage.RootLocation}/t/c.json";
        await using (var first = await _storage.CreateAsync(location, CancellationToken.None))
        {
            await first.PublishAsync(CancellationToken.None);
        }

        await using var second = await _storage.CreateAsync(location, CancellationToken.None);
        await Assert.ThrowsAsync<IOException>(() => second.PublishAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Locations_outside_the_warehouse_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.OpenReadAsync("file:///etc/passwd", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.CreateAsync($"{_storage.RootLocation}/../escape", CancellationToken.None));
        Assert.Throws<ArgumentException>(() => _storage.ResolveForQueryEngine("s3://bucket/key"));
    }

    private async Task<List<string>> ListAsync(string prefix)
    {
        var files = new List<string>();
        await foreach (var file in _storage.ListAsync(prefix, CancellationToken.None))
        {
            files.Add(file);
        }

        return files;
    }
}
