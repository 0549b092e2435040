using System.Net;
using K2.Contracts.Control;
using K2.Ingestion.Binance.GapRepair;
using K2.Ingestion.Binance.Parsing;
using K2.Ingestion.Tests.Binance.Streaming;
using K2.Testing;
using K2.Testing.Binance;
using K2.Testing.RateLimiting;
using Xunit.Abstractions;

namespace K2.Ingestion.Tests.Binance.GapRepair;

public sealed class BinanceGapRepairerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fetches_exactly_the_ids_the_live_stream_skipped_and_marks_them_backfilled()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var before = server.Tape.Take("BTCUSDT", 3);
        var skipped = server.Tape.Take("BTCUSDT", 3);
        var after = server.Tape.Take("BTCUSDT", 2);
        server.EnqueueSession(script => script.SendTrades(before).SendTrades(after));
        await using var feed = await FeedHarness.StartAsync(output, server);
        var live = await feed.Publisher.Trades.WaitForCountAsync(5);

        // What the symbol grain does in production: find the hole in the source sequence.
        var gapFrom = live.Zip(live.Skip(1)).Single(pair => pair.Second.SourceSequence != pair.First.SourceSequence + 1).First.SourceSequence!.Value + 1;
        var gapTo = live.First(trade => trade.SourceSequence > gapFrom).SourceSequence!.Value - 1;
        using var repair = new RepairHarness(output, server);
        var result = await repair.Repairer.RepairAsync(new GapRepairRequest("BINANCE", "BTCUSDT", gapFrom, gapTo), CancellationToken.None);

        Assert.Equal(new GapRepairResult("BTCUSDT", skipped[0].Id, skipped[^1].Id, GapRepairOutcome.Completed, Published: 3, Requests: 1), result);
        Assert.Equal([("BTCUSDT", (long?)skipped[0].Id, 3)], server.RestRequests.Snapshot());
        var backfilled = repair.Publisher.Trades.Snapshot();
        Assert.Equal(ExpectedTrades.Ids(skipped), ExpectedTrades.Ids(backfilled));
        foreach (var (sample, trade) in skipped.Zip(backfilled))
        {
            ExpectedTrades.AssertMatches(sample, trade);
            Assert.Equal("true", trade.VendorData["backfilled"]);
            Assert.Equal("rest-historicalTrades", trade.VendorData["source"]);
            Assert.Equal(sample.QuoteQuantity, trade.VendorData["quote_qty"]);
            Assert.False(trade.VendorData.ContainsKey("stream"));
        }

        Assert.Equal(3, repair.Measurements.Sum("k2.binance.gap_repair.trades"));
        Assert.Equal(1, repair.Measurements.Sum("k2.binance.gap_repair.requests", "status", 200));
    }

    [Fact]
    public async Task A_backfilled_trade_has_the_identity_of_the_same_trade_received_live()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var sample = server.Tape.Take("ETHUSDT", 1)[0];
        var live = new BinanceTradeParser(BinanceSymbolResolver.Default).Parse(
            System.Text.Encoding.UTF8.GetBytes(sample.ToCombinedJson()), DateTimeOffset.UtcNow).Trade!;
        using var repair = new RepairHarness(output, server);

        await repair.Repairer.RepairAsync("ETHUSDT", sample.Id, sample.Id, CancellationToken.None);

        var backfilled = Assert.Single(repair.Publisher.Trades.Snapshot());
        Assert.Equal(live.MessageId, backfilled.MessageId);
        Assert.Equal(live.TradeId, backfilled.TradeId);
        Assert.Equal(live.Timestamp, backfilled.Timestamp);
        Assert.Equal(live.Price, backfilled.Price);
        Assert.Equal(live.Quantity, backfilled.Quantity);
        Assert.Equal(live.Side, backfilled.Side);
        Assert.Equal(live.Currency, backfilled.Currency);
        Assert.Equal(live.SourceSequence, backfilled.SourceSequence);
    }

    [Fact]
    public async Task Pages_through_a_gap_longer_than_one_page()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var tape = server.Tape.Take("BNBUSDT", 7);
        using var repair = new RepairHarness(output, server, options => options.PageSize = 2);

        var result = await repair.Repairer.RepairAsync("BNBUSDT", tape[1].Id, tape[5].Id, CancellationToken.None);

        Assert.Equal(GapRepairOutcome.Completed, result.Outcome);
        Assert.Equal(ExpectedTrades.Ids(tape[1..6]), ExpectedTrades.Ids(repair.Publisher.Trades.Snapshot()));
        Assert.Equal(
            [("BNBUSDT", (long?)tape[1].Id, 2), ("BNBUSDT", tape[3].Id, 2), ("BNBUSDT", tape[5].Id, 1)],
            server.RestRequests.Snapshot());
    }

    [Fact]
    public async Task Running_a_repair_again_publishes_the_same_message_ids()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var tape = server.Tape.Take("BTCUSDT", 4);
        using var repair = new RepairHarness(output, server, options => options.PageSize = 3);

        await repair.Repairer.RepairAsync("BTCUSDT", tape[0].Id, tape[3].Id, CancellationToken.None);
        await repair.Repairer.RepairAsync("btcusdt", tape[0].Id, tape[3].Id, CancellationToken.None);

        var published = repair.Publisher.Trades.Snapshot();
        Assert.Equal(8, published.Count);
        Assert.Equal(published.Take(4).Select(trade => trade.MessageId), published.Skip(4).Select(trade => trade.MessageId));
    }

    [Fact]
    public async Task Reports_incomplete_when_Binance_has_nothing_from_some_id_on()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var tape = server.Tape.Take("BTCUSDT", 4);
        using var repair = new RepairHarness(output, server);

        var result = await repair.Repairer.RepairAsync("BTCUSDT", tape[2].Id, tape[3].Id + 5, CancellationToken.None);

        Assert.Equal(GapRepairOutcome.Incomplete, result.Outcome);
        Assert.Equal(2, result.Published);
        Assert.Equal(2, result.Requests);
        Assert.Contains(tape[3].Id + 1 + " on", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_waits_for_a_token_from_the_bucket()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var tape = server.Tape.Take("BTCUSDT", 5);
        using var bucket = new ManualRateLimiter(initialPermits: 2);
        using var repair = new RepairHarness(output, server, options => options.PageSize = 1, bucket);

        var repairing = repair.Repairer.RepairAsync("BTCUSDT", tape[0].Id, tape[4].Id, CancellationToken.None);

        // Counted, not timed: with the bucket empty the repairer is parked waiting for a token and has sent exactly
        // the requests it had tokens for; each token granted releases exactly one more request.
        for (var expected = 2; expected < tape.Length; expected++)
        {
            await Poll.UntilAsync(() => bucket.Waiting == 1, "the repairer waits for a token");
            Assert.Equal(expected, server.RestRequests.Count);
            Assert.False(repairing.IsCompleted);
            bucket.Grant(1);
        }

        var result = await repairing.WaitAsync(TestTimeouts.Generous);
        Assert.Equal(GapRepairOutcome.Completed, result.Outcome);
        Assert.Equal(5, server.RestRequests.Count);
    }

    [Fact]
    public void The_configured_bucket_admits_a_burst_of_its_capacity_then_makes_callers_wait()
    {
        var options = new K2.Ingestion.Binance.Configuration.GapRepairOptions
        {
            BucketCapacity = 3,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromHours(1),
        };
        using var bucket = BinanceRestRateLimiter.CreateTokenBucket(options);

        var burst = Enumerable.Range(0, 4).Select(_ => bucket.AttemptAcquire(1).IsAcquired).ToArray();

        Assert.Equal([true, true, true, false], burst);
    }

    [Fact]
    public async Task Waits_out_a_429_as_Retry_After_asks_then_carries_on()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var tape = server.Tape.Take("BTCUSDT", 2);
        server.ThrottleNextRestRequests(1, HttpStatusCode.TooManyRequests, retryAfterSeconds: 1);
        using var repair = new RepairHarness(output, server);

        var result = await repair.Repairer.RepairAsync("BTCUSDT", tape[0].Id, tape[1].Id, CancellationToken.None);

        Assert.Equal(GapRepairOutcome.Completed, result.Outcome);
        Assert.Equal(2, result.Requests);
        Assert.Equal(2, result.Published);
        Assert.Equal(1, repair.Measurements.Sum("k2.binance.gap_repair.requests", "status", 429));
        Assert.Equal(1, repair.Measurements.Sum("k2.binance.gap_repair.requests", "status", 200));
    }

    [Fact]
    public async Task Retries_server_errors_after_the_default_wait()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var tape = server.Tape.Take("BTCUSDT", 1);
        server.ThrottleNextRestRequests(2, HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 0);
        using var repair = new RepairHarness(output, server);

        var result = await repair.Repairer.RepairAsync("BTCUSDT", tape[0].Id, tape[0].Id, CancellationToken.None);

        Assert.Equal(GapRepairOutcome.Completed, result.Outcome);
        Assert.Equal(3, result.Requests);
    }

    [Fact]
    public async Task Gives_up_rather_than_wait_out_a_long_IP_ban()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var tape = server.Tape.Take("BTCUSDT", 1);
        server.ThrottleNextRestRequests(1, (HttpStatusCode)418, retryAfterSeconds: 3600);
        using var repair = new RepairHarness(output, server);

        var result = await repair.Repairer.RepairAsync("BTCUSDT", tape[0].Id, tape[0].Id, CancellationToken.None);

        Assert.Equal(GapRepairOutcome.Failed, result.Outcome);
        Assert.Equal(1, result.Requests);
        Assert.Contains("HTTP 418", result.Problem, StringComparison.Ordinal);
        Assert.Empty(repair.Publisher.Trades.Snapshot());
    }

    [Fact]
    public async Task Gives_up_after_the_configured_attempts()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var tape = server.Tape.Take("BTCUSDT", 1);
        server.ThrottleNextRestRequests(5, HttpStatusCode.TooManyRequests, retryAfterSeconds: 0);
        using var repair = new RepairHarness(output, server, options => options.MaxAttemptsPerPage = 3);

        var result = await repair.Repairer.RepairAsync("BTCUSDT", tape[0].Id, tape[0].Id, CancellationToken.None);

        Assert.Equal(GapRepairOutcome.Failed, result.Outcome);
        Assert.Equal(3, result.Requests);
        Assert.Equal(3, server.RestRequests.Count);
    }

    [Fact]
    public async Task A_request_Binance_rejects_fails_the_repair_with_its_error()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var repair = new RepairHarness(output, server);

        var result = await repair.Repairer.RepairAsync("ETHUSDT", 1, 2, CancellationToken.None);

        Assert.Equal(GapRepairOutcome.Failed, result.Outcome);
        Assert.Contains("-1121", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_requests_it_cannot_serve()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var repair = new RepairHarness(output, server);

        await Assert.ThrowsAsync<ArgumentException>(() => repair.Repairer.RepairAsync(new GapRepairRequest("ASX", "BHP", 1, 2), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => repair.Repairer.RepairAsync("BTC-USD", 1, 2, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => repair.Repairer.RepairAsync("BTCUSDT", 5, 4, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => repair.Repairer.RepairAsync("BTCUSDT", -1, 4, CancellationToken.None));
        Assert.Empty(server.RestRequests);
    }
}
