namespace K2.MemoryBench;

/// <summary>A grain with no state and no fields: what one activation costs Orleans itself.</summary>
public interface ITrivialGrain : IGrainWithStringKey
{
    ValueTask TouchAsync();
}

internal sealed class TrivialGrain : Grain, ITrivialGrain
{
    public ValueTask TouchAsync() => ValueTask.CompletedTask;
}

/// <summary>Reads the silo process's memory from inside it (after full blocking compacting collections when asked).</summary>
public interface IMemoryProbeGrain : IGrainWithIntegerKey
{
    ValueTask<MemorySample> MeasureAsync(bool collectFirst);
}

internal sealed class MemoryProbeGrain : Grain, IMemoryProbeGrain
{
    public ValueTask<MemorySample> MeasureAsync(bool collectFirst)
    {
        if (collectFirst)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        var info = GC.GetGCMemoryInfo();
        var (anon, file, shmem) = ProcessMemory.RssParts();
        return ValueTask.FromResult(new MemorySample(
            GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.TotalCommittedBytes, Environment.WorkingSet,
            System.Runtime.GCSettings.IsServerGC)
        {
            RssAnonBytes = anon,
            RssFileBytes = file,
            RssShmemBytes = shmem,
            GcSettings = ProcessMemory.GcSettings(),
        });
    }
}

[GenerateSerializer]
public sealed record MemorySample(
    [property: Id(0)] long ManagedBytes,
    [property: Id(1)] long GcHeapBytes,
    [property: Id(2)] long GcCommittedBytes,
    [property: Id(3)] long RssBytes,
    [property: Id(4)] bool ServerGc)
{
    [Id(5)] public long RssAnonBytes { get; init; }

    [Id(6)] public long RssFileBytes { get; init; }

    [Id(7)] public long RssShmemBytes { get; init; }

    [Id(8)] public string GcSettings { get; init; } = string.Empty;
}
