using K2.Silo.Integrity;

namespace K2.Silo.Tests.Integrity;

/// <summary>
/// The recent-message-id ring grows with the ids it holds instead of being allocated at its capacity (an idle symbol
/// grain must not cost a full ring per log), and still forgets exactly the oldest ids beyond the capacity, across
/// reloads and from rings persisted in the older fixed-size form.
/// </summary>
public sealed class MessageIdWindowTests
{
    [Fact]
    public void A_growing_ring_is_never_more_than_a_third_empty_and_keeps_every_id()
    {
        var state = new QuoteLogState();
        var window = new MessageIdWindow(state, capacity: 4_096);
        var ids = Ids(300);
        for (var held = 1; held <= ids.Length; held++)
        {
            window.Add(ids[held - 1]);

            // Grown by half when full (2, 3, 4, 6, 9, ...): an idle symbol's 3 ids take 3 slots, not 8.
            Assert.True(2 * state.RecentMessageIds.Length <= (3 * held) + 2, $"{held} ids in a ring of {state.RecentMessageIds.Length}");
        }

        Assert.All(ids, id => Assert.True(window.Contains(id)));
        Assert.Equal(300, state.RecentMessageIdsNext);
    }

    [Fact]
    public void A_new_window_holds_no_ring_and_grows_only_with_the_ids_added()
    {
        var state = new QuoteLogState();
        var window = new MessageIdWindow(state, capacity: 4_096);

        Assert.Empty(state.RecentMessageIds);
        var ids = Ids(3);
        foreach (var id in ids)
        {
            window.Add(id);
        }

        Assert.InRange(state.RecentMessageIds.Length, 3, 8);
        Assert.All(ids, id => Assert.True(window.Contains(id)));
        Assert.False(window.Contains(Guid.NewGuid()));
    }

    [Fact]
    public void Past_its_capacity_the_window_forgets_exactly_the_oldest_ids()
    {
        var state = new QuoteLogState();
        var window = new MessageIdWindow(state, capacity: 100);
        var ids = Ids(250);

        foreach (var id in ids)
        {
            window.Add(id);
        }

        Assert.Equal(100, state.RecentMessageIds.Length);
        Assert.All(ids[..150], id => Assert.False(window.Contains(id)));
        Assert.All(ids[150..], id => Assert.True(window.Contains(id)));
    }

    [Fact]
    public void A_few_ids_are_scanned_and_many_indexed_with_the_same_answers_live_and_reloaded()
    {
        // Capacity 24: the window scans its ring up to 16 ids, indexes them past that, and wraps at 24.
        var state = new SymbolIntegrityState();
        var window = new MessageIdWindow(state, capacity: 24);
        var ids = Ids(40);

        for (var added = 1; added <= ids.Length; added++)
        {
            window.Add(ids[added - 1]);
            var reloaded = new MessageIdWindow(state, capacity: 24);
            var held = ids[Math.Max(0, added - 24)..added];
            var forgotten = ids[..Math.Max(0, added - 24)];

            Assert.All(held, id => Assert.True(window.Contains(id) && reloaded.Contains(id), $"id {Array.IndexOf(ids, id)} after {added}"));
            Assert.All(forgotten, id => Assert.False(window.Contains(id) || reloaded.Contains(id), $"id {Array.IndexOf(ids, id)} after {added}"));
            Assert.False(window.Contains(Guid.NewGuid()) || reloaded.Contains(Guid.NewGuid()) || window.Contains(Guid.Empty) || reloaded.Contains(Guid.Empty));
        }
    }

    [Fact]
    public void A_reloaded_ring_answers_the_same_and_keeps_evicting_in_order()
    {
        var state = new QuoteLogState();
        var first = new MessageIdWindow(state, capacity: 10);
        var ids = Ids(13);
        foreach (var id in ids[..7])
        {
            first.Add(id);
        }

        var reloaded = new MessageIdWindow(state, capacity: 10);
        foreach (var id in ids[7..])
        {
            reloaded.Add(id);
        }

        Assert.All(ids[..3], id => Assert.False(reloaded.Contains(id)));
        Assert.All(ids[3..], id => Assert.True(reloaded.Contains(id)));
    }

    [Fact]
    public void A_mostly_empty_fixed_size_ring_from_an_older_state_is_compacted_and_keeps_its_ids()
    {
        var ids = Ids(3);
        var ring = new Guid[4_096];
        ids.CopyTo(ring, 0);
        var state = new QuoteLogState { RecentMessageIds = ring, RecentMessageIdsNext = 3 };

        var window = new MessageIdWindow(state, capacity: 4_096);

        Assert.True(state.RecentMessageIds.Length < 16);
        Assert.All(ids, id => Assert.True(window.Contains(id)));
        var next = Guid.NewGuid();
        window.Add(next);
        Assert.True(window.Contains(next));
    }

    [Fact]
    public void A_full_older_ring_that_had_wrapped_keeps_its_newest_ids_when_the_capacity_shrinks()
    {
        // Capacity 6, ids 1..8 added: slots hold 7, 8, 3, 4, 5, 6 and the oldest (3) is at index 2.
        var ids = Ids(8);
        var state = new QuoteLogState { RecentMessageIds = [ids[6], ids[7], ids[2], ids[3], ids[4], ids[5]], RecentMessageIdsNext = 2 };

        var window = new MessageIdWindow(state, capacity: 4);

        Assert.All(ids[..4], id => Assert.False(window.Contains(id)));
        Assert.All(ids[4..], id => Assert.True(window.Contains(id)));
        window.Add(Guid.NewGuid());
        Assert.False(window.Contains(ids[4]));
        Assert.True(window.Contains(ids[5]));
    }

    private static Guid[] Ids(int count) => [.. Enumerable.Range(0, count).Select(_ => Guid.NewGuid())];
}
