using K2.Silo.Grains;
using K2.Silo.Integrity;

namespace K2.Silo.Tests.Integrity;

/// <summary>
/// How a log state's message-id ring is stored (through Orleans' real serializer, as the grain storage writes it):
/// the live ring as one byte array, a flush checkpoint's ring as its difference from the live ring beside it, and
/// states stored before either form still read back whole.
/// </summary>
public sealed class StoredMessageIdRingTests : IDisposable
{
    private readonly StoredForms _stored = new();

    public void Dispose() => _stored.Dispose();

    [Fact]
    public void A_full_ring_reads_back_the_same_ids_in_the_same_slots()
    {
        var ring = Ids(4_096);
        var state = new SymbolIntegrityState { RecentMessageIds = ring, RecentMessageIdsNext = 904, LastPlatformSequence = 5_000 };

        var read = _stored.RoundTrip(state);

        Assert.Equal(ring, read.RecentMessageIds);
        Assert.Equal((904, 5_000L), (read.RecentMessageIdsNext, read.LastPlatformSequence));
        Assert.Null(read.RecentMessageIdsDelta);
    }

    [Fact]
    public void A_quote_log_ring_reads_back_the_same_ids()
    {
        var ring = Ids(16);
        var read = _stored.RoundTrip(new QuoteLogState { RecentMessageIds = ring, RecentMessageIdsNext = 11, Accepted = 11 });

        Assert.Equal(ring, read.RecentMessageIds);
        Assert.Equal((11, 11L), (read.RecentMessageIdsNext, read.Accepted));
    }

    [Fact]
    public void States_stored_with_an_id_per_field_still_read_their_ring()
    {
        var tradeRing = Ids(8);
        var quoteRing = Ids(4);

        var trades = _stored.Read<SymbolIntegrityState>(_stored.Serializer<IdPerFieldTradeState>().SerializeToArray(
            new IdPerFieldTradeState { LastPlatformSequence = 7, RecentMessageIds = tradeRing, RecentMessageIdsNext = 7 }));
        var quotes = _stored.Read<QuoteLogState>(_stored.Serializer<IdPerFieldQuoteState>().SerializeToArray(
            new IdPerFieldQuoteState { LastPlatformSequence = 3, RecentMessageIds = quoteRing, RecentMessageIdsNext = 3 }));

        Assert.Equal(tradeRing, trades.RecentMessageIds);
        Assert.Equal(quoteRing, quotes.RecentMessageIds);
        Assert.Equal((7, 7L), (trades.RecentMessageIdsNext, trades.LastPlatformSequence));
        Assert.Equal((3, 3L), (quotes.RecentMessageIdsNext, quotes.LastPlatformSequence));
    }

    [Fact]
    public void A_base_checkpoint_is_stored_as_the_slots_it_differs_in_and_loads_back_whole()
    {
        // 3,000 ids at the base; 2,000 more wrap a 4,096-id ring, so the live ring differs from the base in 3,000..4,095
        // (empty at the base) and 0..903 (overwritten since).
        var live = new SymbolIntegrityState();
        var window = new MessageIdWindow(live, capacity: 4_096);
        var ids = Ids(5_000);
        var checkpoints = new CheckpointLog<SymbolIntegrityState>(_stored.Copier<SymbolIntegrityState>());
        foreach (var id in ids[..3_000])
        {
            window.Add(id);
        }

        live.LastPlatformSequence = 3_000;
        var baseRing = live.RecentMessageIds.ToArray();
        checkpoints.Prepare("log/topic/0", baseOffset: 0, throughOffset: 3_000, live);
        foreach (var id in ids[3_000..])
        {
            window.Add(id);
        }

        live.LastPlatformSequence = 5_000;
        var prepared = checkpoints.Prepare("log/topic/0", baseOffset: 3_000, throughOffset: 5_000, live);
        live.Checkpoints = checkpoints.ToPersisted(sameAsStored: prepared, live.RecentMessageIds, live);

        var stored = _stored.Serializer<SymbolIntegrityState>().SerializeToArray(live);
        var storedBase = Assert.Single(live.Checkpoints!, entry => entry.Through == 3_000).State!;
        var reloaded = _stored.Read<SymbolIntegrityState>(stored);
        var loaded = new CheckpointLog<SymbolIntegrityState>(_stored.Copier<SymbolIntegrityState>());
        loaded.Load(reloaded);

        Assert.Empty(storedBase.RecentMessageIds);
        // Two runs: the 904 slots the live ring wrapped over, and the base ring's slots past its 3,000 ids (3,597 long
        // as grown by half, 4,096 when it doubled) that the live ring has filled since.
        Assert.Equal(3_597, baseRing.Length);
        Assert.Equal((2 * 8) + ((904 + (baseRing.Length - 3_000)) * 16), storedBase.RecentMessageIdsDelta!.Runs.Length);
        Assert.Equal(baseRing, loaded.At("log/topic/0", 3_000)!.State!.RecentMessageIds);
        Assert.Equal(3_000L, loaded.At("log/topic/0", 3_000)!.State!.LastPlatformSequence);
        Assert.Equal(ids[904..], RingOldestFirst(loaded.At("log/topic/0", 5_000)!.State!));
        Assert.Null(loaded.At("log/topic/0", 3_000)!.State!.RecentMessageIdsDelta);
    }

    [Fact]
    public void The_checkpoint_in_memory_keeps_its_ring_when_it_is_stored_as_a_delta()
    {
        var live = new QuoteLogState();
        var window = new MessageIdWindow(live, capacity: 64);
        var ids = Ids(8);
        foreach (var id in ids[..4])
        {
            window.Add(id);
        }

        var checkpoints = new CheckpointLog<QuoteLogState>(_stored.Copier<QuoteLogState>());
        var atBase = checkpoints.Prepare("p", 0, 4, live);
        foreach (var id in ids[4..])
        {
            window.Add(id);
        }

        var persisted = checkpoints.ToPersisted(sameAsStored: null, live.RecentMessageIds, live);

        Assert.Equal(ids[..4], CheckpointLog<QuoteLogState>.RingOf(atBase, live)[..4]);
        Assert.Null(atBase.State!.RecentMessageIdsDelta);
        Assert.Equal(CheckpointLog<QuoteLogState>.RingOf(atBase, live), persisted[0].State!.RecentMessageIdsDelta!.ApplyTo(live.RecentMessageIds));
        Assert.Equal(ids[..4], CheckpointLog<QuoteLogState>.RingOf(atBase, live)[..4]);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(8, 16, 0)]
    [InlineData(16, 8, 0)]
    [InlineData(64, 64, 64)]
    [InlineData(64, 64, 5)]
    public void A_delta_rebuilds_the_checkpoint_ring_from_any_live_ring(int checkpointLength, int liveLength, int changedSlots)
    {
        var checkpoint = Ids(checkpointLength);
        var live = new Guid[liveLength];
        checkpoint.AsSpan(0, Math.Min(checkpointLength, liveLength)).CopyTo(live);
        var random = new Random(checkpointLength + liveLength + changedSlots);
        for (var i = 0; i < changedSlots; i++)
        {
            live[random.Next(liveLength)] = Guid.NewGuid();
        }

        var delta = _stored.RoundTrip(MessageIdRingDelta.Between(live, checkpoint));

        Assert.Equal(checkpoint, delta.ApplyTo(live));
        Assert.Equal(checkpointLength, delta.Length);
    }

    [Theory]
    [InlineData(64, 0, 10)] // growing from empty
    [InlineData(64, 40, 20)] // growing past a reallocation
    [InlineData(64, 60, 30)] // reaching the capacity and wrapping to slot 0
    [InlineData(64, 200, 64)] // a full ring turned over once
    [InlineData(64, 200, 0)]
    public void The_adds_since_a_base_rebuild_the_ring_from_that_base(int capacity, int atBase, int since)
    {
        var state = new SymbolIntegrityState();
        var window = new MessageIdWindow(state, capacity);
        var ids = Ids(atBase + since);
        foreach (var id in ids[..atBase])
        {
            window.Add(id);
        }

        var baseRing = state.RecentMessageIds.ToArray();
        var (baseNext, baseAdded) = (state.RecentMessageIdsNext, state.RecentMessageIdsAdded);
        foreach (var id in ids[atBase..])
        {
            window.Add(id);
        }

        var delta = _stored.RoundTrip(MessageIdRingDelta.OfAdds(state.RecentMessageIds, baseNext, since));

        Assert.Equal((long)atBase, baseAdded);
        Assert.Equal((long)(atBase + since), state.RecentMessageIdsAdded);
        Assert.Equal(state.RecentMessageIds, delta.ApplyTo(baseRing));
        Assert.Equal((since * 16) + (since == 0 ? 0 : 8) + (baseNext + since > capacity ? 8 : 0), delta.Runs.Length);
    }

    [Fact]
    public void A_malformed_delta_or_byte_ring_is_an_error_not_a_wrong_ring()
    {
        var cut = MessageIdRingDelta.Between(new Guid[4], Ids(4));
        cut.Runs = cut.Runs[..^1];
        var outOfRange = MessageIdRingDelta.Between(new Guid[4], Ids(4));
        outOfRange.Length = 2;

        Assert.Throws<InvalidDataException>(() => cut.ApplyTo(new Guid[4]));
        Assert.Throws<InvalidDataException>(() => outOfRange.ApplyTo(new Guid[4]));
        Assert.Throws<InvalidDataException>(() => new QuoteLogState { RecentMessageIdBytes = new byte[17] });
    }

    private static Guid[] RingOldestFirst(SymbolIntegrityState state) =>
        [.. state.RecentMessageIds[state.RecentMessageIdsNext..], .. state.RecentMessageIds[..state.RecentMessageIdsNext]];

    private static Guid[] Ids(int count) => [.. Enumerable.Range(0, count).Select(_ => Guid.NewGuid())];
}

/// <summary>The stored layout of <see cref="SymbolIntegrityState"/>'s ring before the byte form (same field ids).</summary>
[GenerateSerializer]
public sealed class IdPerFieldTradeState
{
    [Id(4)] public long LastPlatformSequence { get; set; }

    [Id(7)] public Guid[] RecentMessageIds { get; set; } = [];

    [Id(8)] public int RecentMessageIdsNext { get; set; }
}

/// <summary>The stored layout of <see cref="QuoteLogState"/>'s ring before the byte form (same field ids).</summary>
[GenerateSerializer]
public sealed class IdPerFieldQuoteState
{
    [Id(0)] public long LastPlatformSequence { get; set; }

    [Id(1)] public Guid[] RecentMessageIds { get; set; } = [];

    [Id(2)] public int RecentMessageIdsNext { get; set; }
}
