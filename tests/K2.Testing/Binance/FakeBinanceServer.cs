using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K2.Testing.Binance;

/// <summary>
/// A local stand-in for Binance spot on Kestrel, loopback, random port. <c>/stream?streams=…</c> accepts WebSocket
/// connections and plays one queued <see cref="FakeBinanceScript"/> per connection (or refuses it);
/// <c>/api/v3/historicalTrades</c> serves the <see cref="Tape"/>, including the trades scripts skipped.
/// </summary>
public sealed class FakeBinanceServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    /// <summary>Per upcoming connection: the script to play, or null to refuse it. Empty: accept and stay silent.</summary>
    private readonly ConcurrentQueue<FakeBinanceScript?> _plans = new();
    private readonly ConcurrentDictionary<int, FakeWebSocketConnection> _open = new();
    private readonly HistoricalTradesEndpoint _rest;
    private long _sequence;
    private int _attempts;

    private FakeBinanceServer(WebApplication app)
    {
        _app = app;
        _rest = new HistoricalTradesEndpoint(this);
    }

    public BinanceTradeTape Tape { get; } = new();

    /// <summary>Everything the server saw and did, in order.</summary>
    public AwaitableLog<FakeServerEvent> Events { get; } = new();

    /// <summary>Every historicalTrades call: symbol, fromId, limit (throttled ones included).</summary>
    public AwaitableLog<(string Symbol, long? FromId, int Limit)> RestRequests => _rest.Requests;

    /// <summary><c>ws://127.0.0.1:port</c>, to configure as a WebSocket endpoint.</summary>
    public Uri WebSocketUri { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:port</c>, to configure as the REST base URL.</summary>
    public Uri RestUri { get; private set; } = null!;

    /// <summary>
    /// When set, a connection accepted while no session is queued plays a script built by this (instead of staying
    /// silent): a server that streams to every client for as long as a test runs, whoever reconnects how often.
    /// </summary>
    public Action<FakeBinanceScript>? UnqueuedSession { get; set; }

    /// <summary>When set, every WebSocket attempt is refused (HTTP 503), regardless of the queue.</summary>
    public bool RefuseAllConnections { get; set; }

    public static async Task<FakeBinanceServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeBinanceServer(app);
        app.Map("/stream", server.AcceptStreamAsync);
        app.MapGet("/api/v3/historicalTrades", server._rest.HandleAsync);
        await app.StartAsync();

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        server.RestUri = address;
        server.WebSocketUri = new UriBuilder(address) { Scheme = "ws" }.Uri;
        return server;
    }

    /// <summary>The next accepted connection plays this script.</summary>
    public FakeBinanceServer EnqueueSession(Action<FakeBinanceScript> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var script = new FakeBinanceScript();
        build(script);
        _plans.Enqueue(script);
        return this;
    }

    /// <summary>The next <paramref name="count"/> connection attempts are refused with HTTP 503.</summary>
    public FakeBinanceServer RefuseNextConnections(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _plans.Enqueue(null);
        }

        return this;
    }

    /// <summary>
    /// The next <paramref name="count"/> historicalTrades calls get <paramref name="status"/> (429 or 418) with
    /// <c>Retry-After: <paramref name="retryAfterSeconds"/></c>.
    /// </summary>
    public FakeBinanceServer ThrottleNextRestRequests(int count, HttpStatusCode status, int retryAfterSeconds)
    {
        _rest.Throttle(count, status, retryAfterSeconds);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var connection in _open.Values)
        {
            connection.Drop();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private FakeBinanceScript Unqueued()
    {
        var script = new FakeBinanceScript();
        UnqueuedSession?.Invoke(script);
        return script;
    }

    internal void Record(FakeServerEventKind kind, int connection, string detail) =>
        Events.Add(new FakeServerEvent(Interlocked.Increment(ref _sequence), kind, connection, detail));

    private async Task AcceptStreamAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _attempts);
        Record(FakeServerEventKind.ConnectionAttempted, number, context.Request.QueryString.Value ?? string.Empty);
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
        if (upgrade is not { IsUpgradableRequest: true } || key.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var planned = _plans.TryDequeue(out var script);
        if (RefuseAllConnections || (planned && script is null))
        {
            Record(FakeServerEventKind.ConnectionRefused, number, string.Empty);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers["Sec-WebSocket-Accept"] = WebSocketFrames.AcceptKey(key);
        var stream = await upgrade.UpgradeAsync();
        var connection = new FakeWebSocketConnection(number, context, stream, this);
        _open[number] = connection;
        Record(FakeServerEventKind.ConnectionAccepted, number, context.Request.QueryString.Value ?? string.Empty);
        try
        {
            await connection.RunAsync(script ?? Unqueued(), _stopping.Token);
        }
        finally
        {
            _open.TryRemove(number, out _);
            connection.RequestEnded();
        }
    }
}
