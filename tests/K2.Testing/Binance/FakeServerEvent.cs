namespace K2.Testing.Binance;

public enum FakeServerEventKind
{
    ConnectionAttempted,
    ConnectionRefused,
    ConnectionAccepted,
    PongReceived,

    /// <summary>The client sent a close frame (its status is the detail).</summary>
    ClientClosed,

    /// <summary>The client's socket went away without a close frame.</summary>
    ClientGone,
    ServerDropped,
    ServerClosed,
    RestRequest,
    RestThrottled,
}

/// <summary>Something the fake server saw or did. <see cref="Sequence"/> orders events across all connections.</summary>
public sealed record FakeServerEvent(long Sequence, FakeServerEventKind Kind, int Connection, string Detail)
{
    public override string ToString() => $"#{Sequence} {Kind} conn-{Connection} {Detail}";
}
