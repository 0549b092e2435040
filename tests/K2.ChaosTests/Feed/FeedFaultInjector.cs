using System.Diagnostics;
using K2.ChaosTests.Faults;
using K2.ChaosTests.Harness;
using K2.Testing.Binance;

namespace K2.ChaosTests.Feed;

/// <summary>
/// Injects the feed-handler faults one at a time, each carried out completely before the next: the server dropping the
/// connection, going stale, sending a malformed or an oversized frame, skipping trade ids, and the feed handler process
/// SIGKILLed and restarted. Counts them, times each reconnect, and counts the bad frames the feed provably read.
/// </summary>
public sealed class FeedFaultInjector(FakeBinanceServer server, BinanceMarket market, ServiceProcess feed, FaultLog log)
{
    /// <summary>Every fault, in the order of one cycle (the scenario shuffles it).</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        FaultKind.FeedConnectionDropped,
        FaultKind.FeedStale,
        FaultKind.FeedMalformedFrame,
        FaultKind.FeedOversizedFrame,
        FaultKind.FeedSkippedIds,
        FaultKind.FeedKill,
    ];

    /// <summary>Bounds a step that normally takes milliseconds to seconds (a reconnect, a pong), so a stuck feed fails the run.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan FeedDownTime = TimeSpan.FromSeconds(1);

    private readonly List<TimeSpan> _reconnects = [];
    private int _badFramesRead;
    private int _kills;

    public int BadFramesRead => _badFramesRead;

    public int Kills => _kills;

    public TimeSpan? WorstReconnect => _reconnects.Count == 0 ? null : _reconnects.Max();

    public async Task InjectAsync(string kind, Random random)
    {
        switch (kind)
        {
            case FaultKind.FeedConnectionDropped:
                await EndConnectionAsync(() => market.InjectAsync(StreamFault.Drop));
                break;
            case FaultKind.FeedStale:
                await EndConnectionAsync(() => market.InjectAsync(StreamFault.GoStale));
                break;
            case FaultKind.FeedMalformedFrame:
                await SendBadFrameAsync(StreamFault.Malformed);
                break;
            case FaultKind.FeedOversizedFrame:
                await SendBadFrameAsync(StreamFault.Oversized);
                break;
            case FaultKind.FeedSkippedIds:
                await market.InjectAsync(StreamFault.SkipIds).WaitAsync(StepTimeout);
                break;
            case FaultKind.FeedKill:
                await EndConnectionAsync(async () =>
                {
                    await feed.KillAsync();
                    _kills++;
                    await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * FeedDownTime.TotalMilliseconds));
                    feed.Start();
                    await feed.WaitUntilReadyAsync();
                    return null;
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a feed fault");
        }

        log.Injected(kind);
    }

    /// <summary>Closes the market on a streaming connection and waits until the feed handler has read its last trades.</summary>
    public async Task CloseMarketAsync()
    {
        var payload = await market.InjectAsync(StreamFault.CloseMarket).WaitAsync(StepTimeout);
        await AwaitPongAsync(payload!);
    }

    // A fault that ends the feed's connection: recovered when the server accepts the feed's next one.
    private async Task EndConnectionAsync(Func<Task<string?>> fault)
    {
        var seen = server.Events.Snapshot();
        var before = seen.Count == 0 ? 0 : seen[^1].Sequence;
        var clock = Stopwatch.StartNew();
        await fault().WaitAsync(StepTimeout);
        await server.Events.WaitAsync(events => events.Any(e => e.Kind == FakeServerEventKind.ConnectionAccepted && e.Sequence > before), StepTimeout);
        _reconnects.Add(clock.Elapsed);
    }

    private async Task SendBadFrameAsync(StreamFault fault)
    {
        var payload = await market.InjectAsync(fault).WaitAsync(StepTimeout);
        await AwaitPongAsync(payload!);
        _badFramesRead++;
    }

    // The feed answers the ping behind a frame only after handling that frame, dead letter (awaited to the broker's ack) included.
    private Task AwaitPongAsync(string payload) =>
        server.Events.WaitAsync(events => events.Any(e => e.Kind == FakeServerEventKind.PongReceived && e.Detail == payload), StepTimeout);
}
