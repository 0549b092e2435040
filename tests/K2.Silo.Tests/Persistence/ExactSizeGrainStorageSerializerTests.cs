using K2.Silo.Integrity;
using K2.Silo.Persistence;
using K2.Silo.Tests.Integrity;
using Orleans.Storage;

namespace K2.Silo.Tests.Persistence;

/// <summary>
/// The grain storage's state serializer writes Orleans' binary format into one exact-size array: the same bytes as
/// Orleans' own grain-state serializer (rows written before still load, and the other way round), without that
/// serializer's doubling buffers for a full message-id ring.
/// </summary>
public sealed class ExactSizeGrainStorageSerializerTests : IDisposable
{
    private readonly StoredForms _stored = new();

    public void Dispose() => _stored.Dispose();

    [Fact]
    public void A_full_ring_state_is_written_as_the_same_bytes_as_orleans_own_serializer_writes_and_reads_back_either_way()
    {
        var state = FullRingState();
        var exact = new ExactSizeGrainStorageSerializer(_stored.Serializer());
        var orleans = new OrleansGrainStorageSerializer(_stored.Serializer());

        var ours = exact.Serialize(state).ToArray();
        var theirs = orleans.Serialize(state).ToArray();

        Assert.Equal(theirs, ours);
        Assert.Equal(state.RecentMessageIds, exact.Deserialize<SymbolIntegrityState>(new BinaryData(theirs))!.RecentMessageIds);
        Assert.Equal(state.RecentMessageIds, orleans.Deserialize<SymbolIntegrityState>(new BinaryData(ours))!.RecentMessageIds);
        Assert.Equal(state.LastPlatformSequence, exact.Deserialize<SymbolIntegrityState>(new BinaryData(ours))!.LastPlatformSequence);
    }

    [Fact]
    public void Writing_a_full_ring_state_allocates_the_ring_copy_and_one_exact_array_not_a_chain_of_doubling_buffers()
    {
        var state = FullRingState();
        var exact = new ExactSizeGrainStorageSerializer(_stored.Serializer());
        var orleans = new OrleansGrainStorageSerializer(_stored.Serializer());
        var size = exact.Serialize(state).ToMemory().Length; // also warms the pools and the codecs

        var oursAllocated = Allocated(() => exact.Serialize(state));
        var theirsAllocated = Allocated(() => orleans.Serialize(state));

        // The state's stored ring (a 64 KB byte array built by its getter) and the result: about twice the payload.
        Assert.InRange(size, 65_536, 70_000);
        Assert.True(oursAllocated < 2.2 * size, $"{oursAllocated:N0} B allocated for a {size:N0} B payload");
        Assert.True(theirsAllocated > 3 * size, $"Orleans' serializer allocated {theirsAllocated:N0} B; the comparison no longer shows the difference");
    }

    // The least of a few writes: the shared buffer pool may have been trimmed since the warm-up (a gen2 collection
    // started by tests running alongside), and refilling it once is not what a write costs (seen in CI: one 64 KB
    // segment more, once).
    private static long Allocated(Func<BinaryData> serialize) => Enumerable.Range(0, 5).Min(_ =>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(serialize());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    });

    private static SymbolIntegrityState FullRingState()
    {
        var state = new SymbolIntegrityState { LastPlatformSequence = 5_000, Accepted = 5_000 };
        var window = new MessageIdWindow(state, capacity: 4_096);
        var random = new Random(5);
        for (var i = 0; i < 5_000; i++)
        {
            window.Add(MessageIdSlotIndexTests.RandomId(random));
        }

        return state;
    }
}
