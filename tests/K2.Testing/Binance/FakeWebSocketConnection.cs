using System.Buffers.Binary;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace K2.Testing.Binance;

/// <summary>One accepted WebSocket on the fake server: runs its script, reads what the client sends, records events.</summary>
public sealed class FakeWebSocketConnection
{
    private const ushort NormalClosure = 1000;

    private readonly HttpContext _context;
    private readonly Stream _stream;
    private readonly FakeBinanceServer _server;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _scriptSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _requestGate = new();
    private volatile bool _closeSent;
    private volatile bool _dropped;
    private bool _requestEnded;

    internal FakeWebSocketConnection(int number, HttpContext context, Stream stream, FakeBinanceServer server)
    {
        Number = number;
        _context = context;
        _stream = stream;
        _server = server;
    }

    public int Number { get; }

    public FakeBinanceServer Server => _server;

    /// <summary>Completes when the client closed or went away (or the server dropped it).</summary>
    public Task Ended => _ended.Task;

    public Task SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendFrameAsync(WebSocketFrames.Text, fin: true, Encoding.UTF8.GetBytes(text), cancellationToken);

    public async Task SendFrameAsync(byte opcode, bool fin, byte[] payload, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(WebSocketFrames.Encode(opcode, fin, payload), cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// A ping frame behind everything sent so far: the client's pong (a <see cref="FakeServerEventKind.PongReceived"/>
    /// event with this payload) proves it has read past those messages.
    /// </summary>
    public Task SendPingAsync(string payload, CancellationToken cancellationToken) =>
        SendFrameAsync(WebSocketFrames.Ping, fin: true, Encoding.UTF8.GetBytes(payload), cancellationToken);

    /// <summary>Cuts the TCP connection with no close handshake, like a network failure.</summary>
    public void Drop()
    {
        _dropped = true;
        _server.Record(FakeServerEventKind.ServerDropped, Number, string.Empty);
        // Once the request has ended, Kestrel recycles its HttpContext (aborting it then throws from inside ASP.NET):
        // the gate keeps the request from ending while it is being aborted.
        lock (_requestGate)
        {
            if (!_requestEnded)
            {
                _context.Abort();
            }
        }

        _ended.TrySetResult();
    }

    /// <summary>The server's handler for this connection is returning: there is no connection left to cut.</summary>
    internal void RequestEnded()
    {
        lock (_requestGate)
        {
            _requestEnded = true;
        }
    }

    /// <summary>Starts the close handshake (as Binance does at the 24 h mark) and waits for the client's reply.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        _closeSent = true;
        _server.Record(FakeServerEventKind.ServerClosed, Number, string.Empty);
        await SendFrameAsync(WebSocketFrames.Close, fin: true, WebSocketFrames.CloseBody(NormalClosure), cancellationToken);
        await Ended.WaitAsync(cancellationToken);
    }

    internal async Task RunAsync(FakeBinanceScript script, CancellationToken stopping)
    {
        var reading = ReadLoopAsync(stopping);
        try
        {
            foreach (var step in script.Steps)
            {
                if (Ended.IsCompleted)
                {
                    break;
                }

                await step(this, stopping);
            }

            // A script that ends keeps the connection open, silent, until the client leaves.
            _scriptSent.TrySetResult();
            await Ended.WaitAsync(stopping);
        }
        catch (Exception) when (stopping.IsCancellationRequested || Ended.IsCompleted)
        {
            // Server stopping, or the client went away mid-script.
        }
        finally
        {
            _scriptSent.TrySetResult();
        }

        await reading;
    }

    private async Task ReadLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (await WebSocketFrames.ReadClientFrameAsync(_stream, stopping) is { } frame)
            {
                if (frame.Opcode == WebSocketFrames.Pong)
                {
                    _server.Record(FakeServerEventKind.PongReceived, Number, Encoding.UTF8.GetString(frame.Payload));
                }
                else if (frame.Opcode == WebSocketFrames.Ping)
                {
                    await SendFrameAsync(WebSocketFrames.Pong, fin: true, frame.Payload, stopping);
                }
                else if (frame.Opcode == WebSocketFrames.Close)
                {
                    var status = frame.Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(frame.Payload) : 0;
                    _server.Record(FakeServerEventKind.ClientClosed, Number, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (!_closeSent)
                    {
                        // Like a real server, deliver what was already queued (the rest of the script) before the
                        // close reply: a client that drains until our close frame must see all of it.
                        await _scriptSent.Task.WaitAsync(stopping);
                        _closeSent = true;
                        await SendFrameAsync(WebSocketFrames.Close, fin: true, frame.Payload, stopping);
                    }

                    return;
                }
            }

            RecordGone();
        }
        catch (Exception)
        {
            // Aborted socket, reset connection or server shutdown: all mean the client is gone.
            RecordGone();
        }
        finally
        {
            _ended.TrySetResult();
        }
    }

    private void RecordGone()
    {
        if (!_dropped)
        {
            _server.Record(FakeServerEventKind.ClientGone, Number, string.Empty);
        }
    }
}
