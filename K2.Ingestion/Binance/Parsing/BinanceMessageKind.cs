namespace K2.Ingestion.Binance.Parsing;

public enum BinanceMessageKind
{
    /// <summary>A trade event, mapped to a K2 trade.</summary>
    Trade,

    /// <summary>A reply to a request (<c>{"result":null,"id":1}</c>): recognised and ignored, never dead-lettered.</summary>
    ControlResponse,

    /// <summary><c>serverShutdown</c>: Binance will drop this connection soon; the feed replaces it now.</summary>
    ServerShutdown,

    /// <summary>Unusable input; <see cref="BinanceParseResult.Error"/> says why.</summary>
    Invalid,
}
