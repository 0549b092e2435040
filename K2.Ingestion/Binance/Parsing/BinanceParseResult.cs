using System.Diagnostics.CodeAnalysis;
using K2.Contracts.Model;

namespace K2.Ingestion.Binance.Parsing;

/// <summary>What one message turned out to be: a trade, a recognised non-trade message, or a typed error.</summary>
public readonly record struct BinanceParseResult
{
    private BinanceParseResult(BinanceMessageKind kind, Trade? trade, BinanceParseError? error)
    {
        Kind = kind;
        Trade = trade;
        Error = error;
    }

    public BinanceMessageKind Kind { get; }

    public Trade? Trade { get; }

    public BinanceParseError? Error { get; }

    [MemberNotNullWhen(true, nameof(Trade))]
    public bool IsTrade => Kind == BinanceMessageKind.Trade;

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsInvalid => Kind == BinanceMessageKind.Invalid;

    public static BinanceParseResult ForTrade(Trade trade) => new(BinanceMessageKind.Trade, trade, null);

    public static BinanceParseResult ControlResponse { get; } = new(BinanceMessageKind.ControlResponse, null, null);

    public static BinanceParseResult ServerShutdown { get; } = new(BinanceMessageKind.ServerShutdown, null, null);

    public static BinanceParseResult Invalid(BinanceParseErrorCode code, string message) =>
        new(BinanceMessageKind.Invalid, null, new BinanceParseError(code, message));

    public static BinanceParseResult Invalid(BinanceParseError error) => new(BinanceMessageKind.Invalid, null, error);
}
