namespace K2.Ingestion.DeadLetters.Replay;

public enum ReplayRouteKind
{
    /// <summary>The raw record goes back to the topic it was read from.</summary>
    OriginalTopic,

    /// <summary>A Binance WebSocket frame: parsed again, and the trade published.</summary>
    ReparseBinanceFrame,

    /// <summary>Cannot be replayed by the command; <see cref="ReplayRoute.Reason"/> says what to do instead.</summary>
    NotReplayable,
}

/// <summary>Where one dead letter goes on replay.</summary>
public sealed record ReplayRoute(ReplayRouteKind Kind, string? Topic, string? Reason)
{
    public static ReplayRoute ToTopic(string topic) => new(ReplayRouteKind.OriginalTopic, topic, null);

    public static ReplayRoute ReparseBinanceFrame { get; } = new(ReplayRouteKind.ReparseBinanceFrame, null, null);

    public static ReplayRoute NotReplayable(string reason) => new(ReplayRouteKind.NotReplayable, null, reason);
}
