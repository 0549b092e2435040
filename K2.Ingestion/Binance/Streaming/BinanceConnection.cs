using System.Net.WebSockets;
using K2.Ingestion.Binance.Configuration;

namespace K2.Ingestion.Binance.Streaming;

/// <summary>
/// One open WebSocket to Binance: receives whole messages and runs the staleness watchdog. The watchdog is a
/// single cancellation source re-armed before every receive: when no frame arrives within the bound it cancels
/// the receive, which aborts the socket, and the message comes back as <see cref="ReceivedKind.Stale"/>.
/// </summary>
/// <remarks>
/// Ping frames from Binance (every 20 s) are answered by <see cref="ClientWebSocket"/> itself with a pong carrying
/// the same payload, but only while a receive is pending. Publishing back-pressure that stalls this loop for more
/// than a minute therefore gets the connection dropped by Binance; the feed then reconnects and the grain reports
/// the gap for repair.
/// </remarks>
internal sealed class BinanceConnection : IDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly MessageBuffer _buffer;
    private readonly CancellationTokenSource _staleness;
    private readonly CancellationTokenRegistration _stopRegistration;
    private readonly CancellationToken _stopping;
    private readonly TimeSpan _stalenessBound;
    private long _frames;

    public BinanceConnection(
        ClientWebSocket socket, Uri endpoint, int number, BinanceFeedOptions options, TimeProvider time, CancellationToken stopping)
    {
        _socket = socket;
        Endpoint = BinanceStreamUri.Display(endpoint);
        Number = number;
        _stalenessBound = options.StalenessBound;
        _stopping = stopping;
        _buffer = new MessageBuffer(options.InitialReceiveBufferBytes, options.MaxMessageBytes);
        _staleness = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _stopRegistration = stopping.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _staleness);
    }

    public string Endpoint { get; }

    public int Number { get; }

    /// <summary>Messages received so far (complete or oversized).</summary>
    public long Frames => _frames;

    public FramePosition PositionOf(long frame) => new(Endpoint, Number, frame);

    public async ValueTask<ReceivedMessage> ReceiveAsync()
    {
        _buffer.Reset();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            _staleness.CancelAfter(_stalenessBound);
            try
            {
                result = await _socket.ReceiveAsync(_buffer.GetWriteMemory(), _staleness.Token);
            }
            catch (Exception ex) when ((ex is OperationCanceledException or WebSocketException) && _staleness.IsCancellationRequested)
            {
                _stopping.ThrowIfCancellationRequested();
                return ReceivedMessage.Stale;
            }
            finally
            {
                // Disarm while the message is processed: slow publishing is back-pressure, not a dead connection.
                _staleness.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await AcknowledgeCloseAsync();
                return ReceivedMessage.Closed;
            }

            _buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                var kind = _buffer.IsOversized ? ReceivedKind.Oversized : ReceivedKind.Message;
                return new ReceivedMessage(kind, _buffer.Message, _buffer.TotalBytes, ++_frames);
            }
        }
    }

    /// <summary>
    /// Sends our close frame and returns at once; the receive loop keeps reading until Binance's close arrives, so
    /// trades already in flight on this connection are still delivered.
    /// </summary>
    public async Task BeginCloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "rotating", cancellationToken);
        }
        catch (WebSocketException)
        {
            // Already broken: the receive loop will report it and the successor takes over.
        }
    }

    public void Dispose()
    {
        _stopRegistration.Dispose();
        _staleness.Dispose();
        _socket.Dispose();
        _buffer.Dispose();
    }

    /// <summary>Completes a close Binance started, so the server sees a clean handshake rather than a dropped socket.</summary>
    private async Task AcknowledgeCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, _stopping);
        }
        catch (WebSocketException)
        {
            // The peer is gone already; nothing left to acknowledge.
        }
    }
}
