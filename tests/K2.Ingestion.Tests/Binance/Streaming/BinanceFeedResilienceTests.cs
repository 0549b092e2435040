using K2.Testing.Binance;
using Xunit.Abstractions;

namespace K2.Ingestion.Tests.Binance.Streaming;

/// <summary>How the feed keeps a connection: reconnects, staleness, failover, rotation, pings.</summary>
public sealed class BinanceFeedResilienceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Reconnects_after_an_abrupt_drop_and_carries_on()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var before = server.Tape.Take("BTCUSDT", 3);
        var after = server.Tape.Take("BTCUSDT", 3);
        server.EnqueueSession(script => script.SendTrades(before).Sync().Drop());
        server.EnqueueSession(script => script.SendTrades(after));

        await using var harness = await FeedHarness.StartAsync(output, server);
        var trades = await harness.Publisher.Trades.WaitForCountAsync(6);

        Assert.Equal(ExpectedTrades.Ids([.. before, .. after]), ExpectedTrades.Ids(trades));
        Assert.Equal(1, harness.Measurements.Sum("k2.binance.reconnects", "reason", "dropped"));
        var events = server.Events.Snapshot();
        Assert.Contains(events, e => e is { Kind: FakeServerEventKind.ServerDropped, Connection: 1 });
        Assert.Contains(events, e => e is { Kind: FakeServerEventKind.ConnectionAccepted, Connection: 2 });
    }

    [Fact]
    public async Task Reconnects_when_Binance_closes_the_connection_as_at_the_24_hour_mark()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var trades = server.Tape.Take("ETHUSDT", 2);
        server.EnqueueSession(script => script.SendTrades(trades[0]).Close());
        server.EnqueueSession(script => script.SendTrades(trades[1]));

        await using var harness = await FeedHarness.StartAsync(output, server);
        var published = await harness.Publisher.Trades.WaitForCountAsync(2);

        Assert.Equal(ExpectedTrades.Ids(trades), ExpectedTrades.Ids(published));
        Assert.Equal(1, harness.Measurements.Sum("k2.binance.reconnects", "reason", "closed_by_server"));
        Assert.Contains(server.Events.Snapshot(), e => e is { Kind: FakeServerEventKind.ClientClosed, Connection: 1 });
    }

    [Fact]
    public async Task Replaces_a_connection_that_goes_silent()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var before = server.Tape.Take("BNBUSDT", 2);
        var after = server.Tape.Take("BNBUSDT", 2);
        server.EnqueueSession(script => script.SendTrades(before).GoSilent());
        server.EnqueueSession(script => script.SendTrades(after));

        await using var harness = await FeedHarness.StartAsync(output, server, options => options.StalenessBound = TimeSpan.FromMilliseconds(500));
        var trades = await harness.Publisher.Trades.WaitForCountAsync(4);

        Assert.Equal(ExpectedTrades.Ids([.. before, .. after]), ExpectedTrades.Ids(trades));
        Assert.True(harness.Measurements.Sum("k2.binance.reconnects", "reason", "stale") >= 1);

        // The watchdog aborts the silent socket: the server sees it vanish without a close handshake.
        await server.Events.WaitAsync(events => events.Any(e => e is { Kind: FakeServerEventKind.ClientGone, Connection: 1 }));
    }

    [Fact]
    public async Task Fails_over_to_the_next_endpoint_when_the_first_refuses()
    {
        await using var refusing = await FakeBinanceServer.StartAsync();
        await using var serving = await FakeBinanceServer.StartAsync();
        refusing.RefuseAllConnections = true;
        var trades = serving.Tape.Take("BTCUSDT", 2);
        serving.EnqueueSession(script => script.SendTrades(trades));

        await using var harness = await FeedHarness.StartAsync(output, [refusing, serving]);
        var published = await harness.Publisher.Trades.WaitForCountAsync(2);

        Assert.Equal(ExpectedTrades.Ids(trades), ExpectedTrades.Ids(published));
        Assert.Contains(refusing.Events.Snapshot(), e => e.Kind == FakeServerEventKind.ConnectionRefused);
        var accepted = Assert.Single(serving.Events.Snapshot(), e => e.Kind == FakeServerEventKind.ConnectionAccepted);
        Assert.Equal("?streams=btcusdt@trade/ethusdt@trade/bnbusdt@trade", accepted.Detail);
    }

    [Fact]
    public async Task Rotates_make_before_break_without_losing_trades()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var trades = server.Tape.Take("BTCUSDT", 6);

        // Binance streams to both sockets while they overlap: trade 3 arrives on each.
        server.EnqueueSession(script => script.SendTrades(trades[..3]));
        server.EnqueueSession(script => script.SendTrades(trades[2..]));

        await using var harness = await FeedHarness.StartAsync(output, server, options => options.RotationInterval = TimeSpan.FromMilliseconds(300));
        var published = await harness.Publisher.Trades.WaitForCountAsync(7);

        // Old connection drained first, then the successor; the overlap duplicate keeps its message id for dedup.
        Assert.Equal(ExpectedTrades.Ids([.. trades[..3], .. trades[2..]]), ExpectedTrades.Ids(published.Take(7)));
        Assert.Equal(published[2].MessageId, published[3].MessageId);
        var events = server.Events.Snapshot();
        var successorOpened = Assert.Single(events, e => e is { Kind: FakeServerEventKind.ConnectionAccepted, Connection: 2 });
        var oldClosed = Assert.Single(events, e => e is { Kind: FakeServerEventKind.ClientClosed, Connection: 1 });
        Assert.True(successorOpened.Sequence < oldClosed.Sequence, "the successor must be open before the old connection is closed");
        Assert.Equal("1000", oldClosed.Detail);
        Assert.DoesNotContain(events, e => e is { Kind: FakeServerEventKind.ClientGone, Connection: 1 });
        Assert.True(harness.Measurements.Sum("k2.binance.reconnects", "reason", "rotation") >= 1);
        Assert.Empty(harness.DeadLetters.Letters.Snapshot());
    }

    [Fact]
    public async Task Rotates_at_once_when_Binance_announces_a_server_shutdown()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var trades = server.Tape.Take("ETHUSDT", 3);

        // Trade 2 is already in flight on the old connection when the announcement arrives; it must still be published.
        server.EnqueueSession(script => script.SendTrades(trades[0]).SendServerShutdown().SendTrades(trades[1]));
        server.EnqueueSession(script => script.SendTrades(trades[1..]));

        await using var harness = await FeedHarness.StartAsync(output, server);
        var published = await harness.Publisher.Trades.WaitForCountAsync(4);

        Assert.Equal(ExpectedTrades.Ids([trades[0], trades[1], trades[1], trades[2]]), ExpectedTrades.Ids(published));
        var events = server.Events.Snapshot();
        var successorOpened = Assert.Single(events, e => e is { Kind: FakeServerEventKind.ConnectionAccepted, Connection: 2 });
        var oldClosed = Assert.Single(events, e => e is { Kind: FakeServerEventKind.ClientClosed, Connection: 1 });
        Assert.True(successorOpened.Sequence < oldClosed.Sequence);
        Assert.Equal(1, harness.Measurements.Sum("k2.binance.reconnects", "reason", "server_shutdown"));
        Assert.Empty(harness.DeadLetters.Letters.Snapshot());
    }

    [Fact]
    public async Task Answers_Binance_pings_with_a_pong_carrying_the_same_payload()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var trades = server.Tape.Take("BTCUSDT", 2);
        server.EnqueueSession(script => script
            .SendTrades(trades[0])
            .Ping("k2-ping-1773136800")
            .AwaitPong("k2-ping-1773136800")
            .SendTrades(trades[1]));

        await using var harness = await FeedHarness.StartAsync(output, server);
        await harness.Publisher.Trades.WaitForCountAsync(2);

        var pong = Assert.Single(server.Events.Snapshot(), e => e.Kind == FakeServerEventKind.PongReceived);
        Assert.Equal("k2-ping-1773136800", pong.Detail);
        Assert.Equal(1, pong.Connection);
    }
}
