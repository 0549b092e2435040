using System.Collections.Concurrent;
using System.Globalization;
using K2.Testing.Binance;

namespace K2.ChaosTests.Feed;

/// <summary>
/// A Binance market for the feed handler under chaos: its symbols trade at a steady rate on the fake server's tape
/// whether or not anybody is connected (the tape is the ground truth: every id on it must end up in the table), and every
/// connection the feed handler opens streams the trades made from then on in real combined-stream frames. Stream faults
/// are handed to whichever connection is streaming and carried out between two frames.
/// </summary>
public sealed class BinanceMarket : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    /// <summary>Trades the market makes at once, and the stream leaves out, for one <see cref="StreamFault.SkipIds"/>.</summary>
    private const int SkipRun = 50;

    private readonly FakeBinanceServer _server;
    private readonly IReadOnlyList<string> _symbols;
    private readonly double _tradesPerSecondPerSymbol;
    private readonly ConcurrentQueue<(StreamFault Fault, TaskCompletionSource<string?> Done)> _faults = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstStream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _skipped;
    private int _skips;
    private Task? _trading;

    public BinanceMarket(FakeBinanceServer server, IReadOnlyList<string> symbols, int tradesPerSecond, int oversizedBytes)
    {
        _server = server;
        _symbols = symbols;
        _tradesPerSecondPerSymbol = Math.Max(1.0, tradesPerSecond / (double)symbols.Count);
        OversizedBytes = oversizedBytes;
        server.UnqueuedSession = script => script.Run(StreamAsync);
    }

    public IReadOnlyList<string> Symbols => _symbols;

    public int OversizedBytes { get; }

    /// <summary>Trade ids the streams left out on purpose (<see cref="StreamFault.SkipIds"/>): only REST can deliver them.</summary>
    public long SkippedIds => Interlocked.Read(ref _skipped);

    /// <summary>
    /// Starts trading once a connection streams, so the first trade of each symbol goes out live: a symbol grain can only
    /// see a gap above a trade it has seen.
    /// </summary>
    public async Task OpenAsync(TimeSpan timeout)
    {
        await _firstStream.Task.WaitAsync(timeout);
        _trading = Task.Run(TradeAsync);
    }

    /// <summary>Stops trading (if <see cref="StreamFault.CloseMarket"/> did not already); the tape then holds every trade made.</summary>
    public async Task CloseAsync()
    {
        await _stop.CancelAsync();
        if (_trading is not null)
        {
            await _trading;
        }
    }

    /// <summary>Every trade id the market made, per symbol: the tape's first id to its latest.</summary>
    public IReadOnlyDictionary<string, (long First, long Last)> Generated() => _symbols.ToDictionary(
        symbol => symbol,
        symbol => (BinanceTradeTape.FirstId(symbol), _server.Tape.Latest(symbol) ?? BinanceTradeTape.FirstId(symbol) - 1));

    /// <summary>
    /// Has the streaming connection (the next one, if none streams now) carry out <paramref name="fault"/>. Completes
    /// once it did, with the payload of a ping sent right behind a bad frame (its pong proves the client read the frame),
    /// else null.
    /// </summary>
    public Task<string?> InjectAsync(StreamFault fault)
    {
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _faults.Enqueue((fault, done));
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _server.UnqueuedSession = null;
        _stop.Dispose();
    }

    private async Task TradeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long made = 0;
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var due = (long)(clock.Elapsed.TotalSeconds * _tradesPerSecondPerSymbol);
                if (due > made)
                {
                    foreach (var symbol in _symbols)
                    {
                        _server.Tape.Take(symbol, checked((int)(due - made)));
                    }

                    made = due;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Closed.
        }
    }

    // One connection's stream: from the trades made after it opened, until the client leaves or the server drops it.
    private async Task StreamAsync(FakeWebSocketConnection connection, CancellationToken stopping)
    {
        var stream = new ConnectionStream(connection, _symbols.ToDictionary(
            symbol => symbol,
            symbol => (_server.Tape.Latest(symbol) ?? BinanceTradeTape.FirstId(symbol) - 1) + 1));
        _firstStream.TrySetResult();
        try
        {
            while (!connection.Ended.IsCompleted)
            {
                await SendMadeTradesAsync(stream, stopping);

                // After the trades made so far. The market closes only on a connection that has streamed a trade of every
                // symbol: its last trades then reach the feed live, and every gap before them shows as a jump.
                var streamedEverySymbol = stream.Streamed.Count == _symbols.Count;
                if (_faults.TryPeek(out var pending)
                    && (pending.Fault != StreamFault.CloseMarket || streamedEverySymbol)
                    && _faults.TryDequeue(out pending)
                    && !await ApplyAsync(pending.Fault, stream, pending.Done, stopping))
                {
                    await connection.Ended.WaitAsync(stopping);
                    return;
                }

                await Task.Delay(Tick, stopping);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (killed, or gave up on the stream) or the server is stopping: this stream is over.
        }
    }

    // Every trade made since this connection last sent, except the runs it leaves out.
    private async Task SendMadeTradesAsync(ConnectionStream stream, CancellationToken stopping)
    {
        foreach (var symbol in _symbols)
        {
            var latest = _server.Tape.Latest(symbol) ?? stream.Next[symbol] - 1;
            for (var id = stream.Next[symbol]; id <= latest; id++)
            {
                if (!stream.LeavesOut(symbol, id))
                {
                    await stream.Connection.SendTextAsync(BinanceTradeTape.Sample(symbol, id).ToCombinedJson(), stopping);
                    stream.Streamed.Add(symbol);
                }
            }

            stream.Next[symbol] = Math.Max(stream.Next[symbol], latest + 1);
        }
    }

    // Returns whether the connection streams on after the fault.
    private async Task<bool> ApplyAsync(StreamFault fault, ConnectionStream stream, TaskCompletionSource<string?> done, CancellationToken stopping)
    {
        try
        {
            switch (fault)
            {
                case StreamFault.Drop:
                    // Mid-stream, no close frame: whatever was still in flight is lost with the socket.
                    stream.Connection.Drop();
                    done.TrySetResult(null);
                    return false;
                case StreamFault.GoStale:
                    // Open and silent until the client's staleness watchdog gives up on it.
                    done.TrySetResult(null);
                    return false;
                case StreamFault.CloseMarket:
                    // One closing trade per symbol, made now and streamed on this connection after every earlier fault:
                    // a run skipped just before the close would otherwise be a tail that no later trade reveals to a
                    // grain (a real feed closes the same gap only when the symbol trades again).
                    foreach (var closing in _symbols)
                    {
                        _server.Tape.Take(closing, 1);
                    }

                    await CloseAsync();
                    await SendMadeTradesAsync(stream, stopping);
                    done.TrySetResult(await PingAsync(stream.Connection, stopping));
                    return true;
                case StreamFault.Malformed:
                    await stream.Connection.SendTextAsync(MalformedFrame(stream.Next), stopping);
                    done.TrySetResult(await PingAsync(stream.Connection, stopping));
                    return true;
                case StreamFault.Oversized:
                    await stream.Connection.SendTextAsync(FakeBinanceScript.OversizedMessage(OversizedBytes), stopping);
                    done.TrySetResult(await PingAsync(stream.Connection, stopping));
                    return true;
                case StreamFault.SkipIds:
                    // The market makes a run of trades at once that this stream never sends: on the tape, so REST has them.
                    var symbol = _symbols[Interlocked.Increment(ref _skips) % _symbols.Count];
                    var run = _server.Tape.Take(symbol, SkipRun);
                    stream.LeftOut.Add((symbol, run[0].Id, run[^1].Id));
                    Interlocked.Add(ref _skipped, run.Length);
                    done.TrySetResult(null);
                    return true;
                default:
                    throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
            }
        }
        catch (Exception exception)
        {
            // The connection failed under the fault (the client died meanwhile): the scenario records it.
            done.TrySetException(exception);
            throw;
        }
    }

    private static async Task<string> PingAsync(FakeWebSocketConnection connection, CancellationToken stopping)
    {
        var payload = $"read-{Guid.NewGuid():N}";
        await connection.SendPingAsync(payload, stopping);
        return payload;
    }

    // A trade frame cut short: the kind of frame a broken relay delivers, marked with the id it was cut from.
    private string MalformedFrame(Dictionary<string, long> next)
    {
        var symbol = _symbols[0];
        var frame = BinanceTradeTape.Sample(symbol, next[symbol]).ToCombinedJson();
        return frame[..(frame.Length / 2)] + string.Create(CultureInfo.InvariantCulture, $"<cut {next[symbol]}>");
    }

    /// <summary>What one connection has streamed: the next id per symbol, the runs it leaves out, the symbols it sent.</summary>
    private sealed class ConnectionStream(FakeWebSocketConnection connection, Dictionary<string, long> next)
    {
        public FakeWebSocketConnection Connection { get; } = connection;

        public Dictionary<string, long> Next { get; } = next;

        public List<(string Symbol, long From, long To)> LeftOut { get; } = [];

        public HashSet<string> Streamed { get; } = new(StringComparer.Ordinal);

        public bool LeavesOut(string symbol, long id) => LeftOut.Exists(run => run.Symbol == symbol && id >= run.From && id <= run.To);
    }
}
