using K2.Lakehouse.Storage;

namespace K2.Lakehouse.Tests.Storage;

/// <summary>Both fault switches refuse writes (create, publish, delete) and leave reads alone.</summary>
public sealed class FaultInjectingWarehouseStorageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"k2-fault-{Guid.NewGuid():N}");

    public FaultInjectingWarehouseStorageTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task While_the_fault_file_exists_writes_fail_and_reads_work_and_without_it_writes_succeed()
    {
        var faultFile = Path.Combine(_root, "warehouse.fault");
        var storage = new FaultInjectingWarehouseStorage(new LocalWarehouseStorage(Path.Combine(_root, "warehouse")), faultFile);
        var before = await WriteAsync(storage, "a.bin");

        // A file begun before the fault fails at publish.
        await using var pending = await storage.CreateAsync($"{storage.RootLocation}/b.bin", CancellationToken.None);
        await File.WriteAllTextAsync(faultFile, string.Empty);
        await Assert.ThrowsAsync<IOException>(() => pending.PublishAsync(CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => storage.CreateAsync($"{storage.RootLocation}/c.bin", CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => storage.DeleteAsync(before, CancellationToken.None));
        Assert.True(storage.IsUnwritable);
        Assert.True(await storage.ExistsAsync(before, CancellationToken.None));
        Assert.Equal(3, storage.RefusedWrites);

        File.Delete(faultFile);
        Assert.True(await storage.ExistsAsync(await WriteAsync(storage, "d.bin"), CancellationToken.None));
    }

    [Fact]
    public async Task The_in_process_switch_refuses_writes_until_turned_off()
    {
        var storage = new FaultInjectingWarehouseStorage(new LocalWarehouseStorage(Path.Combine(_root, "warehouse")));
        storage.MakeUnwritable("disk full");

        var refused = await Assert.ThrowsAsync<IOException>(() => WriteAsync(storage, "a.bin"));
        Assert.StartsWith("disk full", refused.Message, StringComparison.Ordinal);

        storage.MakeWritable();
        Assert.True(await storage.ExistsAsync(await WriteAsync(storage, "a.bin"), CancellationToken.None));
    }

    private static async Task<string> WriteAsync(IWarehouseStorage storage, string name)
    {
        await using var file = await storage.CreateAsync($"{storage.RootLocation}/{name}", CancellationToken.None);
        await file.Content.WriteAsync(new byte[] { 1, 2, 3 });
        await file.PublishAsync(CancellationToken.None);
        return file.Location;
    }
}
