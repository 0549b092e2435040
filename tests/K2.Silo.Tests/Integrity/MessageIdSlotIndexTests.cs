using System.Buffers.Binary;
using K2.Silo.Integrity;

namespace K2.Silo.Tests.Integrity;

/// <summary>
/// The message-id window's lookup table holds ring slot numbers, not ids: it must answer exactly as a set of the ring's
/// ids would while the ring grows, wraps and evicts, including when many ids share a home entry (removal shifts the
/// entries behind a hole back, so a later id of the same run stays reachable).
/// </summary>
public sealed class MessageIdSlotIndexTests
{
    [Theory]
    [InlineData(17, 5_000)]
    [InlineData(100, 20_000)]
    [InlineData(4_096, 30_000)]
    public void The_window_answers_exactly_what_a_set_of_the_newest_ids_would(int capacity, int adds)
    {
        var random = new Random(capacity);
        var state = new QuoteLogState();
        var window = new MessageIdWindow(state, capacity);
        var added = new List<Guid>();
        for (var i = 0; i < adds; i++)
        {
            var id = RandomId(random);
            window.Add(id);
            added.Add(id);

            if (i % 997 == 0)
            {
                AssertHoldsExactly(window, added, capacity, random);
            }
        }

        AssertHoldsExactly(window, added, capacity, random);
    }

    [Fact]
    public void Ids_that_all_share_one_home_stay_reachable_as_others_are_evicted_around_them()
    {
        // Guid.GetHashCode xors the id's four 32-bit parts: ids whose first two parts are equal and last two zero all
        // hash to 0, so every one of them probes from the same entry.
        var colliding = Enumerable.Range(1, 60).Select(SameHash).ToArray();
        var random = new Random(7);
        var state = new QuoteLogState();
        var window = new MessageIdWindow(state, capacity: 40);
        var added = new List<Guid>();
        foreach (var id in colliding.Zip(colliding.Select(_ => RandomId(random))).SelectMany(pair => new[] { pair.First, pair.Second }))
        {
            window.Add(id);
            added.Add(id);
            AssertHoldsExactly(window, added, capacity: 40, random);
        }
    }

    [Fact]
    public void A_window_reloaded_from_its_ring_finds_the_same_ids()
    {
        var random = new Random(11);
        var state = new QuoteLogState();
        var window = new MessageIdWindow(state, capacity: 64);
        var added = Enumerable.Range(0, 150).Select(_ => RandomId(random)).ToList();
        added.ForEach(window.Add);

        var reloaded = new MessageIdWindow(state, capacity: 64);

        AssertHoldsExactly(reloaded, added, capacity: 64, random);
    }

    [Fact]
    public void A_full_default_ring_is_indexed_in_a_quarter_of_a_hash_sets_bytes()
    {
        var random = new Random(3);
        var ring = Enumerable.Range(0, 4_096).Select(_ => RandomId(random)).ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var index = new MessageIdSlotIndex(ring, ring.Length);
        var indexBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        var set = new HashSet<Guid>(ring);
        var setBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(4_096, index.Count);
        Assert.Equal(4_096, set.Count);
        Assert.True(indexBytes * 3 < setBytes, $"index {indexBytes:N0} B, set {setBytes:N0} B");
        Assert.InRange(indexBytes, 32_768, 33_000);
    }

    private static void AssertHoldsExactly(MessageIdWindow window, List<Guid> added, int capacity, Random random)
    {
        var kept = added.Count - Math.Min(capacity, added.Count);
        for (var i = 0; i < added.Count; i++)
        {
            Assert.True(window.Contains(added[i]) == (i >= kept), $"id {i} of {added.Count} (capacity {capacity})");
        }

        Assert.False(window.Contains(RandomId(random)));
        Assert.False(window.Contains(SameHash(1_000_000)));
    }

    /// <summary>A message id from a seeded generator, so a failing run repeats.</summary>
    internal static Guid RandomId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static Guid SameHash(int n)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, n);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], n);
        return new Guid(bytes);
    }
}
