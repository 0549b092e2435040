using K2.Contracts.Grains;
using K2.Silo.Integrity;

namespace K2.Silo.Tests.Integrity;

/// <summary>
/// How a log state's counters, applied offsets and checkpoints are stored (through Orleans' real serializer, as the
/// grain storage writes them): a log that never needed offsets or checkpoints holds none, and rows written before the
/// counters became fields of the state, with their empty maps and lists, still load whole.
/// </summary>
public sealed class StoredLogStateTests : IDisposable
{
    private readonly StoredForms _stored = new();

    public void Dispose() => _stored.Dispose();

    [Fact]
    public void A_state_stored_with_its_counters_in_an_object_of_their_own_loads_them_with_its_offsets_and_checkpoints()
    {
        var stored = new CountersObjectTradeState
        {
            LastPlatformSequence = 40,
            Counters = new IntegrityCounters
            {
                Accepted = 40,
                Late = 2,
                LateUnverified = 3,
                DuplicatesBySequence = 4,
                DuplicatesByMessageId = 5,
                Rejected = 6,
                SessionResets = 7,
                GapsDetected = 8,
                GapsClosed = 9,
                RetiredGaps = 10,
                RetiredMissingSequences = 11,
            },
            AppliedOffsets = new(StringComparer.Ordinal) { ["log/trades/0"] = 39 },
            Checkpoints = [new StateCheckpoint<SymbolIntegrityState> { PartitionKey = "log/trades/0", Through = 40 }],
        };

        var read = _stored.Read<SymbolIntegrityState>(_stored.Serializer<CountersObjectTradeState>().SerializeToArray(stored));

        Assert.Equal(
            (40L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L),
            (read.Accepted, read.Late, read.LateUnverified, read.DuplicatesBySequence, read.DuplicatesByMessageId, read.Rejected,
             read.SessionResets, read.GapsDetected, read.GapsClosed, read.RetiredGaps, read.RetiredMissingSequences));
        Assert.Equal(40L, read.LastPlatformSequence);
        Assert.Equal(39L, AppliedOffsets.Last(read.AppliedOffsets, "log/trades/0"));
        var checkpoint = Assert.Single(read.Checkpoints!);
        Assert.Equal(("log/trades/0", 40L), (checkpoint.PartitionKey, checkpoint.Through));
        Assert.Null(read.StoredCounters);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Times_stored_as_nullable_values_load_with_their_instant_and_offset_and_are_stored_the_same_way_again(int variant)
    {
        // The four optional times were auto-properties; they are now held compactly (OptionalTimes) but must read and
        // write the same rows: the instant, the offset and "none" each exactly, every time independent of the others.
        DateTimeOffset?[][] variants =
        [
            [null, null, null, null],
            [DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(11)), null],
            [null, new DateTimeOffset(638_987_654_321_234_567, TimeSpan.FromMinutes(-210)), new DateTimeOffset(1, 1, 1, 14, 0, 0, TimeSpan.FromHours(14)), new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.FromHours(-14))],
        ];
        var times = variants[variant];
        var older = new NullableTimesTradeState { SessionStartedAt = times[0], LastTradeTime = times[1], LastIngestAt = times[2], NewestRecordTime = times[3], LastPlatformSequence = 7 };
        var olderBytes = _stored.Serializer<NullableTimesTradeState>().SerializeToArray(older);

        var read = _stored.Read<SymbolIntegrityState>(olderBytes);

        DateTimeOffset?[] readBack = [read.SessionStartedAt, read.LastTradeTime, read.LastIngestAt, read.NewestRecordTime];
        Assert.Equal(times.Select(Exactly), readBack.Select(Exactly));
        var copied = _stored.Copier<SymbolIntegrityState>().Copy(read);
        Assert.Equal(times.Select(Exactly), new[] { copied.SessionStartedAt, copied.LastTradeTime, copied.LastIngestAt, copied.NewestRecordTime }.Select(Exactly));
        var again = _stored.Read<NullableTimesTradeState>(_stored.Serializer<SymbolIntegrityState>().SerializeToArray(read));
        Assert.Equal(times.Select(Exactly), new[] { again.SessionStartedAt, again.LastTradeTime, again.LastIngestAt, again.NewestRecordTime }.Select(Exactly));
    }

    private static (long UtcTicks, int OffsetMinutes)? Exactly(DateTimeOffset? time) => time is { } t ? (t.UtcTicks, t.TotalOffsetMinutes) : null;

    [Fact]
    public void Empty_offsets_and_checkpoints_stored_before_load_as_none()
    {
        var stored = new CountersObjectTradeState { LastPlatformSequence = 3, Counters = new IntegrityCounters { Accepted = 3 } };

        var read = _stored.Read<SymbolIntegrityState>(_stored.Serializer<CountersObjectTradeState>().SerializeToArray(stored));

        Assert.Equal((3L, 3L), (read.Accepted, read.LastPlatformSequence));
        Assert.Null(read.AppliedOffsets);
        Assert.Null(read.Checkpoints);
    }

    [Fact]
    public void Counters_offsets_and_checkpoints_read_back_as_written()
    {
        var state = new SymbolIntegrityState
        {
            LastPlatformSequence = 9,
            Accepted = 9,
            Late = 1,
            DuplicatesByMessageId = 2,
            GapsDetected = 3,
            RetiredMissingSequences = 4,
            Checkpoints = [new StateCheckpoint<SymbolIntegrityState> { PartitionKey = "p", Through = 9 }],
        };
        AppliedOffsets.MarkApplied(state, "p", 8);

        var read = _stored.RoundTrip(state);
        var untouched = _stored.RoundTrip(new SymbolIntegrityState { Accepted = 1 });

        Assert.Equal((9L, 1L, 2L, 3L, 4L), (read.Accepted, read.Late, read.DuplicatesByMessageId, read.GapsDetected, read.RetiredMissingSequences));
        Assert.Equal(8L, AppliedOffsets.Last(read.AppliedOffsets, "p"));
        Assert.Equal(9L, Assert.Single(read.Checkpoints!).Through);
        Assert.Equal((1L, (Dictionary<string, long>?)null, (List<StateCheckpoint<SymbolIntegrityState>>?)null), (untouched.Accepted, untouched.AppliedOffsets, untouched.Checkpoints));
    }

    [Fact]
    public void Seldom_counters_and_the_retired_gap_floor_read_back_and_copy_as_written_and_a_copy_does_not_move_with_the_state()
    {
        var state = new SymbolIntegrityState { Accepted = 5, Late = 1, LateUnverified = 2, DuplicatesBySequence = 3, DuplicatesByMessageId = 4, Rejected = 6, SessionResets = 7, GapsDetected = 8, GapsClosed = 9, RetiredGaps = 10, RetiredMissingSequences = 11, UnverifiableUpTo = 12 };
        static long[] Seldom(SymbolIntegrityState s) =>
            [s.Accepted, s.Late, s.LateUnverified, s.DuplicatesBySequence, s.DuplicatesByMessageId, s.Rejected, s.SessionResets, s.GapsDetected, s.GapsClosed, s.RetiredGaps, s.RetiredMissingSequences, s.UnverifiableUpTo ?? -1];

        var read = _stored.RoundTrip(state);
        var copied = _stored.Copier<SymbolIntegrityState>().Copy(state);
        var cut = state.MemberwiseCopy();
        state.Late++;
        state.Rejected = 0;
        state.UnverifiableUpTo = null;
        var none = _stored.RoundTrip(new SymbolIntegrityState { Late = 0, UnverifiableUpTo = null });

        long[] written = [5, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12];
        Assert.Equal(written, Seldom(read));
        Assert.Equal(written, Seldom(copied));
        Assert.Equal(written, Seldom(cut));
        Assert.Equal([5L, 2, 2, 3, 4, 0, 7, 8, 9, 10, 11, -1], Seldom(state));
        Assert.Equal([0L, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1], Seldom(none));
    }

    [Fact]
    public void A_log_state_holds_no_offset_map_until_an_offset_is_applied_and_then_tracks_each_partition()
    {
        var quotes = new QuoteLogState();
        Assert.Null(quotes.AppliedOffsets);
        Assert.False(AppliedOffsets.IsApplied(quotes, "q/0", 0));

        AppliedOffsets.MarkApplied(quotes, "q/0", 5);
        AppliedOffsets.MarkApplied(quotes, "q/0", 3);
        AppliedOffsets.MarkApplied(quotes, "q/1", 0);

        Assert.Equal((true, true, false, true, false), (
            AppliedOffsets.IsApplied(quotes, "q/0", 5), AppliedOffsets.IsApplied(quotes, "q/0", 3), AppliedOffsets.IsApplied(quotes, "q/0", 6),
            AppliedOffsets.IsApplied(quotes, "q/1", 0), AppliedOffsets.IsApplied(quotes, "Q/1", 0)));
        Assert.Equal(5L, _stored.RoundTrip(quotes).AppliedOffsets!["q/0"]);
    }

    [Fact]
    public void Open_gaps_stored_before_as_an_always_written_list_load_and_an_empty_one_loads_as_none()
    {
        var detected = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
        var withGaps = new CountersObjectTradeState
        {
            LastPlatformSequence = 10,
            OpenGaps = [new SequenceGap(3, 4, detected, 1), new SequenceGap(8, 8, detected, 2)],
        };

        var read = _stored.Read<SymbolIntegrityState>(_stored.Serializer<CountersObjectTradeState>().SerializeToArray(withGaps));
        var empty = _stored.Read<SymbolIntegrityState>(_stored.Serializer<CountersObjectTradeState>().SerializeToArray(new CountersObjectTradeState()));

        Assert.Equal([(3L, 4L, 1L), (8L, 8L, 2L)], read.OpenGaps.Select(gap => (gap.From, gap.To, gap.GapNumber)));
        Assert.Empty(empty.OpenGaps);
        Assert.Null(empty.StoredOpenGaps);
    }

    [Fact]
    public void A_state_without_gaps_holds_no_gap_list_until_its_first_gap_and_its_gaps_read_back_and_copy_as_written()
    {
        var harness = new TrackerHarness();
        harness.OfferSequences(1, 2);
        Assert.Null(harness.State.StoredOpenGaps);
        Assert.Null(_stored.RoundTrip(harness.State).StoredOpenGaps);

        harness.OfferSequences(5, 9, 3);
        var read = _stored.RoundTrip(harness.State);
        var copy = _stored.Copier<SymbolIntegrityState>().Copy(harness.State);
        harness.OfferSequences(4);

        Assert.Equal([(6L, 8L)], harness.OpenGaps);
        Assert.Equal([(4L, 4L), (6L, 8L)], read.OpenGaps.Select(gap => (gap.From, gap.To)));
        Assert.Equal([(4L, 4L), (6L, 8L)], copy.OpenGaps.Select(gap => (gap.From, gap.To)));
    }
}

/// <summary>
/// The stored layout of <see cref="SymbolIntegrityState"/> before its counters became fields of its own (same field ids):
/// the counters object at id 9, and an open-gap list, an offset map and a checkpoint list always written, empty or not.
/// </summary>
[GenerateSerializer]
public sealed class CountersObjectTradeState
{
    [Id(4)] public long LastPlatformSequence { get; set; }

    [Id(5)] public List<SequenceGap> OpenGaps { get; set; } = [];

    [Id(9)] public IntegrityCounters Counters { get; set; } = new();

    [Id(11)] public Dictionary<string, long> AppliedOffsets { get; set; } = new(StringComparer.Ordinal);

    [Id(12)] public List<StateCheckpoint<SymbolIntegrityState>> Checkpoints { get; set; } = [];
}

/// <summary>The four optional times of <see cref="SymbolIntegrityState"/> as the state declared them before they were held compactly.</summary>
[GenerateSerializer]
public sealed class NullableTimesTradeState
{
    [Id(1)] public DateTimeOffset? SessionStartedAt { get; set; }

    [Id(3)] public DateTimeOffset? LastTradeTime { get; set; }

    [Id(4)] public long LastPlatformSequence { get; set; }

    [Id(10)] public DateTimeOffset? LastIngestAt { get; set; }

    [Id(13)] public DateTimeOffset? NewestRecordTime { get; set; }
}
