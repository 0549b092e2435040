namespace K2.Ingestion.Binance.Parsing;

/// <summary>A typed rejection of one message; <see cref="ToString"/> is the text a dead letter carries.</summary>
public sealed record BinanceParseError(BinanceParseErrorCode Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
