using K2.Silo.Integrity;
using K2.Testing;
using static K2.Silo.Integrity.TradeVerdict;

namespace K2.Silo.Tests.Integrity;

public sealed class SequenceTrackerTests
{
    [Fact]
    public void In_order_trades_are_all_accepted_without_gaps()
    {
        var harness = new TrackerHarness();

        var verdicts = harness.OfferSequences([.. Enumerable.Range(1, 1_000).Select(i => (long)i)]);

        Assert.All(verdicts, verdict => Assert.Equal(Accepted, verdict));
        var summary = harness.Summary;
        Assert.Equal(1_000, summary.Accepted);
        Assert.Equal(1_000, summary.LastSequence);
        Assert.Equal(0, summary.GapsDetected);
        Assert.Empty(summary.OpenGaps);
        Assert.Equal(Enumerable.Range(1, 1_000).Select(i => (long)i), harness.PlatformSequences);
    }

    [Fact]
    public void A_small_gap_is_recorded_as_the_missing_range()
    {
        var harness = new TrackerHarness();

        harness.OfferSequences(1, 2, 4);

        Assert.Equal([(3L, 3L)], harness.OpenGaps);
        Assert.Equal(1, harness.Summary.MissingSequences);
        Assert.Single(harness.NewGaps);
    }

    [Fact]
    public void A_large_gap_is_one_range_not_a_million_entries()
    {
        var harness = new TrackerHarness();

        harness.OfferSequences(1, 1_000_000);

        Assert.Equal([(2L, 999_999L)], harness.OpenGaps);
        Assert.Equal(999_998, harness.Summary.MissingSequences);
    }

    [Fact]
    public void Multiple_gaps_are_kept_in_sequence_order()
    {
        var harness = new TrackerHarness();

        harness.OfferSequences(1, 3, 6, 10);

        Assert.Equal([(2L, 2L), (4L, 5L), (7L, 9L)], harness.OpenGaps);
        Assert.Equal(3, harness.Summary.GapsDetected);
        Assert.Equal(6, harness.Summary.MissingSequences);
    }

    [Fact]
    public void A_late_arrival_closes_its_gap()
    {
        var harness = new TrackerHarness();

        var verdicts = harness.OfferSequences(1, 3, 2);

        Assert.Equal([Accepted, Accepted, Late], verdicts);
        Assert.Empty(harness.OpenGaps);
        Assert.Equal(1, harness.Summary.GapsClosed);
        Assert.Equal(1, harness.Summary.Late);
        Assert.Equal(3, harness.Summary.LastSequence);
    }

    [Fact]
    public void A_late_arrival_inside_a_gap_shrinks_or_splits_it_and_the_gap_closes_once()
    {
        var harness = new TrackerHarness();
        harness.OfferSequences(1, 10);

        harness.OfferSequences(2);
        Assert.Equal([(3L, 9L)], harness.OpenGaps);
        harness.OfferSequences(9);
        Assert.Equal([(3L, 8L)], harness.OpenGaps);
        harness.OfferSequences(5);
        Assert.Equal([(3L, 4L), (6L, 8L)], harness.OpenGaps);

        harness.OfferSequences(3, 4, 6, 7);
        Assert.Equal(0, harness.Summary.GapsClosed);
        harness.OfferSequences(8);

        Assert.Empty(harness.OpenGaps);
        Assert.Equal(1, harness.Summary.GapsDetected);
        Assert.Equal(1, harness.Summary.GapsClosed);
        Assert.Equal(8, harness.Summary.Late);
    }

    [Fact]
    public void A_repeated_sequence_with_a_new_message_id_is_a_duplicate_by_sequence()
    {
        var harness = new TrackerHarness();
        harness.OfferSequences(1, 2);

        var replayed = Trades.Binance(2) with { MessageId = Guid.NewGuid() };

        Assert.Equal(DuplicateBySequence, harness.Offer(replayed));
        Assert.Equal(1, harness.Summary.DuplicatesBySequence);
        Assert.Equal(0, harness.Summary.DuplicatesByMessageId);
        Assert.Equal(2, harness.Summary.Accepted);
    }

    [Fact]
    public void A_repeated_message_id_is_a_duplicate_by_message_id_even_without_sequence()
    {
        var harness = new TrackerHarness();

        Assert.Equal(Accepted, harness.Offer(Trades.Asx(1)));
        Assert.Equal(DuplicateByMessageId, harness.Offer(Trades.Asx(1)));
        Assert.Equal(DuplicateByMessageId, harness.Offer(Trades.Asx(1) with { Price = 1m }));

        Assert.Equal(2, harness.Summary.DuplicatesByMessageId);
        Assert.Equal(1, harness.Summary.Accepted);
    }

    [Fact]
    public void Duplicates_and_late_arrivals_are_counted_separately()
    {
        var harness = new TrackerHarness();

        harness.OfferSequences(1, 4, 2, 2, 3, 3);

        var summary = harness.Summary;
        Assert.Equal(2, summary.Late);
        Assert.Equal(2, summary.DuplicatesByMessageId);
        Assert.Equal(0, summary.DuplicatesBySequence);
        Assert.Equal(4, summary.Accepted);
    }

    [Fact]
    public void A_rebalance_style_replay_fills_the_gap_in_any_order_and_a_second_replay_is_all_duplicates()
    {
        var harness = new TrackerHarness();
        harness.OfferSequences(100);

        var first = harness.OfferSequences(105, 103, 102, 104, 101);
        var second = harness.OfferSequences(105, 103, 102, 104, 101);

        Assert.Equal([Accepted, Late, Late, Late, Late], first);
        Assert.All(second, verdict => Assert.Equal(DuplicateByMessageId, verdict));
        var summary = harness.Summary;
        Assert.Empty(summary.OpenGaps);
        Assert.Equal(1, summary.GapsDetected);
        Assert.Equal(1, summary.GapsClosed);
        Assert.Equal(105, summary.LastSequence);
        Assert.Equal(6, summary.Accepted);
    }

    [Fact]
    public void Out_of_order_below_the_high_water_mark_without_a_gap_is_a_duplicate()
    {
        var harness = new TrackerHarness();
        harness.OfferSequences(1, 2, 3, 4, 5);

        var verdict = harness.Offer(Trades.Binance(3) with { MessageId = Guid.NewGuid() });

        Assert.Equal(DuplicateBySequence, verdict);
    }

    [Fact]
    public void A_sequence_restart_on_the_next_trading_day_starts_a_new_session()
    {
        var harness = new TrackerHarness();
        var evening = new DateTimeOffset(2026, 3, 10, 23, 59, 0, TimeSpan.Zero);
        for (var sequence = 5_000L; sequence <= 5_010; sequence++)
        {
            harness.Offer(Trades.Binance(sequence, evening.AddSeconds(sequence - 5_000)));
        }

        harness.Offer(Trades.Binance(5_020, evening.AddSeconds(30)));
        var restart = harness.Offer(Trades.Binance(1, evening.AddMinutes(2)) with { MessageId = Guid.NewGuid() });
        var next = harness.Offer(Trades.Binance(2, evening.AddMinutes(2).AddSeconds(1)) with { MessageId = Guid.NewGuid() });

        Assert.Equal(SessionReset, restart);
        Assert.Equal(Accepted, next);
        var summary = harness.Summary;
        Assert.Equal(2, summary.Session);
        Assert.Equal(1, summary.SessionResets);
        Assert.Equal(2, summary.LastSequence);
        Assert.Equal(0, summary.Late);
        Assert.Equal(0, summary.DuplicatesBySequence);
        Assert.Empty(summary.OpenGaps);
        Assert.Equal(1, summary.RetiredGaps);
        Assert.Equal(9, summary.RetiredMissingSequences);
        Assert.Equal(evening.AddMinutes(2), summary.SessionStartedAt);
    }

    [Fact]
    public void A_restarted_sequence_that_falls_inside_an_old_gap_is_still_a_reset_not_a_late_fill()
    {
        var harness = new TrackerHarness();
        var day = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);
        harness.Offer(Trades.Binance(1, day));
        harness.Offer(Trades.Binance(100, day.AddSeconds(1)));

        var verdict = harness.Offer(Trades.Binance(50, day.AddDays(1)) with { MessageId = Guid.NewGuid() });

        Assert.Equal(SessionReset, verdict);
        Assert.Equal(0, harness.Summary.Late);
    }

    [Fact]
    public void A_low_sequence_without_a_session_boundary_is_not_a_reset()
    {
        var harness = new TrackerHarness();
        var morning = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
        harness.Offer(Trades.Binance(1_000, morning));

        var verdict = harness.Offer(Trades.Binance(5, morning.AddSeconds(1)) with { MessageId = Guid.NewGuid() });

        Assert.Equal(DuplicateBySequence, verdict);
        Assert.Equal(1, harness.Summary.Session);
        Assert.Equal(0, harness.Summary.SessionResets);
        Assert.Equal(1_000, harness.Summary.LastSequence);
    }

    [Fact]
    public void Yesterdays_trades_replayed_today_are_duplicates_not_a_reset()
    {
        var harness = new TrackerHarness();
        var day = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        harness.Offer(Trades.Binance(1, day));
        harness.Offer(Trades.Binance(2, day.AddSeconds(1)));

        // Same exchange timestamps as the originals: a replay, whatever the wall clock says.
        var verdict = harness.Offer(Trades.Binance(1, day) with { MessageId = Guid.NewGuid() });

        Assert.Equal(DuplicateBySequence, verdict);
        Assert.Equal(0, harness.Summary.SessionResets);
    }

    [Fact]
    public void A_long_silence_within_the_day_is_a_session_boundary()
    {
        var harness = new TrackerHarness(new IntegrityOptions { SessionIdleGap = TimeSpan.FromMinutes(30) });
        var morning = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
        harness.Offer(Trades.Binance(900, morning));

        var tooSoon = harness.Offer(Trades.Binance(1, morning.AddMinutes(29)) with { MessageId = Guid.NewGuid() });
        var afterSilence = harness.Offer(Trades.Binance(1, morning.AddMinutes(31)) with { MessageId = Guid.NewGuid() });

        Assert.Equal(DuplicateBySequence, tooSoon);
        Assert.Equal(SessionReset, afterSilence);
    }

    [Fact]
    public void The_session_day_follows_the_exchanges_time_zone()
    {
        // 23:30 and 00:30 UTC are 10:30 and 11:30 the same day in Sydney (AEDT, UTC+11).
        var options = new IntegrityOptions { SessionIdleGap = TimeSpan.FromDays(1) };
        var sydney = new SessionCalendar(options, "ASX");
        var utc = new SessionCalendar(options, "BINANCE");
        var before = new DateTimeOffset(2014, 3, 10, 23, 30, 0, TimeSpan.Zero);
        var after = before.AddHours(1);

        Assert.False(sydney.IsNewSession(after, before));
        Assert.True(utc.IsNewSession(after, before));
    }

    [Fact]
    public void Trades_without_a_sequence_get_platform_sequences_in_arrival_order()
    {
        var harness = new TrackerHarness(exchange: "ASX");

        foreach (var row in new[] { 3, 1, 2 })
        {
            Assert.Equal(Accepted, harness.Offer(Trades.Asx(row)));
        }

        Assert.Equal([1L, 2L, 3L], harness.PlatformSequences);
        Assert.Null(harness.Summary.LastSequence);
        Assert.Equal(3, harness.Summary.LastPlatformSequence);
        Assert.Empty(harness.OpenGaps);
    }

    [Fact]
    public void The_gap_list_is_capped_and_retired_gaps_are_summarised()
    {
        var harness = new TrackerHarness(new IntegrityOptions { MaxOpenGaps = 3 });

        harness.OfferSequences(1, 3, 5, 7, 9, 11);

        Assert.Equal([(6L, 6L), (8L, 8L), (10L, 10L)], harness.OpenGaps);
        var summary = harness.Summary;
        Assert.Equal(5, summary.GapsDetected);
        Assert.Equal(2, summary.RetiredGaps);
        Assert.Equal(2, summary.RetiredMissingSequences);
    }

    [Fact]
    public void A_trade_inside_a_retired_gap_is_accepted_as_unverified_rather_than_lost()
    {
        var harness = new TrackerHarness(new IntegrityOptions { MaxOpenGaps = 1 });
        harness.OfferSequences(1, 3, 5);

        var verdict = harness.Offer(Trades.Binance(2));

        Assert.Equal(LateUnverified, verdict);
        Assert.Equal(1, harness.Summary.LateUnverified);
        Assert.Equal([(4L, 4L)], harness.OpenGaps);
    }

    [Fact]
    public void The_message_id_window_forgets_the_oldest_ids_beyond_its_capacity()
    {
        var harness = new TrackerHarness(new IntegrityOptions { MessageIdWindow = 4 }, "ASX");
        for (var row = 1; row <= 5; row++)
        {
            harness.Offer(Trades.Asx(row));
        }

        Assert.Equal(DuplicateByMessageId, harness.Offer(Trades.Asx(5)));
        Assert.Equal(DuplicateByMessageId, harness.Offer(Trades.Asx(2)));
        Assert.Equal(Accepted, harness.Offer(Trades.Asx(1)));
        Assert.Equal(4, harness.State.RecentMessageIds.Length);
    }

    [Fact]
    public void State_reloaded_into_a_new_tracker_gives_the_same_answers()
    {
        var first = new TrackerHarness(new IntegrityOptions { MessageIdWindow = 8 });
        first.OfferSequences(1, 2, 5, 9);

        var reloaded = new SequenceTracker(first.State, new IntegrityOptions { MessageIdWindow = 8 }, "BINANCE");
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(DuplicateByMessageId, reloaded.Track(Trades.Binance(5), now, out _, out _));
        Assert.Equal(Late, reloaded.Track(Trades.Binance(3), now, out var platformSequence, out _));
        Assert.Equal(5, platformSequence);
    }

    [Fact]
    public void Shrinking_the_message_id_window_keeps_the_newest_ids()
    {
        var harness = new TrackerHarness(new IntegrityOptions { MessageIdWindow = 6 }, "ASX");
        for (var row = 1; row <= 9; row++)
        {
            harness.Offer(Trades.Asx(row));
        }

        var shrunk = new SequenceTracker(harness.State, new IntegrityOptions { MessageIdWindow = 3 }, "ASX");
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(DuplicateByMessageId, shrunk.Track(Trades.Asx(9), now, out _, out _));
        Assert.Equal(DuplicateByMessageId, shrunk.Track(Trades.Asx(7), now, out _, out _));
        Assert.Equal(Accepted, shrunk.Track(Trades.Asx(6), now, out _, out _));
    }
}
