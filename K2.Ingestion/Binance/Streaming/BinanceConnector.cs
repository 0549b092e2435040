using System.Net.WebSockets;
using K2.Ingestion.Binance.Configuration;

namespace K2.Ingestion.Binance.Streaming;

/// <summary>Opens one WebSocket to one endpoint's combined trade stream, within the connect timeout.</summary>
internal sealed class BinanceConnector(BinanceFeedOptions options, TimeProvider time)
{
    private int _attempts;

    public async Task<BinanceConnection> ConnectAsync(Uri endpoint, CancellationToken stopping)
    {
        var number = Interlocked.Increment(ref _attempts);
        var socket = new ClientWebSocket();

        // Binance pings every 20 s and ClientWebSocket pongs automatically. Its own unsolicited keep-alive pongs
        // would count against Binance's 5-incoming-messages-a-second limit and, per Binance, keep nothing alive;
        // dead connections are found by the staleness watchdog instead.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;

        using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            await socket.ConnectAsync(BinanceStreamUri.Combined(endpoint, options.Symbols), linked.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"WebSocket handshake with {BinanceStreamUri.Display(endpoint)} took longer than {options.ConnectTimeout}.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new BinanceConnection(socket, endpoint, number, options, time, stopping);
    }
}
