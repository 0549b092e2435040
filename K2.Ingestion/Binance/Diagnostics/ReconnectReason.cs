namespace K2.Ingestion.Binance.Diagnostics;

/// <summary>Values of the <c>reason</c> tag on <c>k2.binance.reconnects</c>.</summary>
public static class ReconnectReason
{
    public const string ConnectFailed = "connect_failed";
    public const string Dropped = "dropped";
    public const string Closed = "closed_by_server";
    public const string Stale = "stale";
    public const string Rotation = "rotation";
    public const string ServerShutdown = "server_shutdown";
    public const string Faulted = "faulted";
}
