using K2.Contracts.Model;

namespace K2.Contracts.Avro;

/// <summary>The symbol order of the enums in trade.avsc and quote.avsc.</summary>
internal static class MarketDataEnumSymbols
{
    /// <summary>EQUITIES, CRYPTO, FUTURES, OPTIONS.</summary>
    public static readonly AvroEnumSymbols<AssetClass> AssetClass = new(
        Model.AssetClass.Equities,
        Model.AssetClass.Crypto,
        Model.AssetClass.Futures,
        Model.AssetClass.Options);

    /// <summary>BUY, SELL, SELL_SHORT, UNKNOWN: UNKNOWN is last on the wire but zero in C#.</summary>
    public static readonly AvroEnumSymbols<TradeSide> TradeSide = new(
        Model.TradeSide.Buy,
        Model.TradeSide.Sell,
        Model.TradeSide.SellShort,
        Model.TradeSide.Unknown);
}
