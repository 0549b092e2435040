namespace K2.Ingestion.Binance.Streaming;

internal enum ReceivedKind
{
    /// <summary>A complete message within the size limit.</summary>
    Message,

    /// <summary>A message past the size limit; the payload holds its first bytes only.</summary>
    Oversized,

    /// <summary>Binance closed the connection (close frame).</summary>
    Closed,

    /// <summary>Nothing arrived within the staleness bound; the socket has been aborted.</summary>
    Stale,
}

/// <summary>
/// One receive outcome. <see cref="Payload"/> points into the connection's pooled buffer and is only valid until the
/// next receive on that connection.
/// </summary>
internal readonly record struct ReceivedMessage(ReceivedKind Kind, ReadOnlyMemory<byte> Payload, long TotalBytes, long Frame)
{
    public static ReceivedMessage Closed { get; } = new(ReceivedKind.Closed, ReadOnlyMemory<byte>.Empty, 0, 0);

    public static ReceivedMessage Stale { get; } = new(ReceivedKind.Stale, ReadOnlyMemory<byte>.Empty, 0, 0);
}
