using System.Globalization;

namespace K2.Ingestion.Binance.Streaming;

/// <summary>
/// Where a message was received: <c>wss://stream.binance.com:9443#conn-3/frame-1042</c> is the 1042nd message of
/// the feed's third connection attempt. Rendered only when needed (dead letters, logs).
/// </summary>
internal readonly record struct FramePosition(string Endpoint, int Connection, long Frame)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Endpoint}#conn-{Connection}/frame-{Frame}");
}
