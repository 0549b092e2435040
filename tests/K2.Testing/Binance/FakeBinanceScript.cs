using System.Globalization;
using System.Text;

namespace K2.Testing.Binance;

/// <summary>
/// What the fake server does on one accepted connection, step by step, in Binance's real message formats. When the
/// steps run out the connection stays open and silent until the client leaves.
/// </summary>
public sealed class FakeBinanceScript
{
    private const string PadCharacter = "x";

    internal List<Func<FakeWebSocketConnection, CancellationToken, Task>> Steps { get; } = [];

    /// <summary>Each trade as one combined-stream message.</summary>
    public FakeBinanceScript SendTrades(IEnumerable<BinanceTradeSample> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        foreach (var trade in trades)
        {
            SendText(trade.ToCombinedJson());
        }

        return this;
    }

    public FakeBinanceScript SendTrades(params BinanceTradeSample[] trades) => SendTrades(trades.AsEnumerable());

    /// <summary>Any text as one message, e.g. a malformed frame.</summary>
    public FakeBinanceScript SendText(string text) =>
        Step((connection, token) => connection.SendTextAsync(text, token));

    /// <summary>One message split over <paramref name="fragments"/> frames (text, continuation…, final continuation).</summary>
    public FakeBinanceScript SendFragmented(string text, int fragments)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var size = (bytes.Length + fragments - 1) / fragments;
        return Step(async (connection, token) =>
        {
            for (var start = 0; start < bytes.Length; start += size)
            {
                var opcode = start == 0 ? WebSocketFrames.Text : WebSocketFrames.Continuation;
                var fin = start + size >= bytes.Length;
                await connection.SendFrameAsync(opcode, fin, bytes[start..Math.Min(bytes.Length, start + size)], token);
            }
        });
    }

    /// <summary>A trade-shaped message of exactly <paramref name="bytes"/> bytes, padded with an extra field.</summary>
    public FakeBinanceScript SendOversized(int bytes) => SendText(OversizedMessage(bytes));

    /// <summary>What Binance answers to a SUBSCRIBE request.</summary>
    public FakeBinanceScript SendSubscriptionResponse(int id = 1) =>
        SendText(string.Create(CultureInfo.InvariantCulture, $"{{\"result\":null,\"id\":{id}}}"));

    /// <summary>Binance's announcement that this server is going away.</summary>
    public FakeBinanceScript SendServerShutdown(long eventTime = 1_773_136_800_000) =>
        SendText(string.Create(CultureInfo.InvariantCulture, $"{{\"stream\":\"!serverShutdown\",\"data\":{{\"e\":\"serverShutdown\",\"E\":{eventTime}}}}}"));

    /// <summary>A ping frame, as Binance sends every 20 s; the client's pong is recorded as <see cref="FakeServerEventKind.PongReceived"/>.</summary>
    public FakeBinanceScript Ping(string payload) =>
        Step((connection, token) => connection.SendFrameAsync(WebSocketFrames.Ping, fin: true, Encoding.UTF8.GetBytes(payload), token));

    /// <summary>Waits until this connection has received a pong with <paramref name="payload"/>.</summary>
    public FakeBinanceScript AwaitPong(string payload) =>
        Step((connection, _) => connection.Server.Events.WaitAsync(events => events.Any(e =>
            e.Kind == FakeServerEventKind.PongReceived && e.Connection == connection.Number && e.Detail == payload)));

    /// <summary>
    /// Waits until the client has read everything sent so far: a ping goes out behind the earlier messages and the
    /// client can only answer it once it has read past them. Use before <see cref="Drop"/>, whose TCP reset would
    /// otherwise destroy data still in flight.
    /// </summary>
    public FakeBinanceScript Sync()
    {
        var payload = $"sync-{Guid.NewGuid():N}";
        return Ping(payload).AwaitPong(payload);
    }

    /// <summary>Cuts the connection abruptly: no close frame; unread data in flight is lost (see <see cref="Sync"/>).</summary>
    public FakeBinanceScript Drop() => Step((connection, _) =>
    {
        connection.Drop();
        return Task.CompletedTask;
    });

    /// <summary>Closes the connection properly, as Binance does at its 24 h cut-off.</summary>
    public FakeBinanceScript Close() => Step((connection, token) => connection.CloseAsync(token));

    /// <summary>
    /// A step of the caller's own, e.g. an open-ended stream that decides frame by frame what to send next; the
    /// connection's events (pongs, the client leaving) are on <see cref="FakeWebSocketConnection.Server"/>.
    /// </summary>
    public FakeBinanceScript Run(Func<FakeWebSocketConnection, CancellationToken, Task> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Step(step);
    }

    /// <summary>Sends nothing more but keeps the connection open (what the end of a script does anyway).</summary>
    public FakeBinanceScript GoSilent() => this;

    public static string OversizedMessage(int bytes)
    {
        const string head = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"pad\":\"";
        const string tail = "\"}}";
        var pad = bytes - head.Length - tail.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(pad, nameof(bytes));
        return head + string.Concat(Enumerable.Repeat(PadCharacter, pad)) + tail;
    }

    private FakeBinanceScript Step(Func<FakeWebSocketConnection, CancellationToken, Task> step)
    {
        Steps.Add(step);
        return this;
    }
}
