using K2.Contracts.Model;

namespace K2.Lakehouse.Tables;

/// <summary>
/// The string codes enums are stored as. Spelled out rather than derived from C# member names, so renaming an
/// enum member can never change what is on disk.
/// </summary>
public static class MarketCodes
{
    private static readonly Dictionary<TradeSide, string> Sides = new()
    {
        [TradeSide.Unknown] = "UNKNOWN",
        [TradeSide.Buy] = "BUY",
        [TradeSide.Sell] = "SELL",
        [TradeSide.SellShort] = "SELL_SHORT",
    };

    private static readonly Dictionary<AssetClass, string> AssetClasses = new()
    {
        [AssetClass.Equities] = "EQUITIES",
        [AssetClass.Crypto] = "CRYPTO",
        [AssetClass.Futures] = "FUTURES",
        [AssetClass.Options] = "OPTIONS",
    };

    private static readonly Dictionary<string, TradeSide> SidesByCode = Sides.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    private static readonly Dictionary<string, AssetClass> AssetClassesByCode = AssetClasses.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Code(TradeSide side) => Sides[side];

    public static string Code(AssetClass assetClass) => AssetClasses[assetClass];

    public static TradeSide ParseSide(string code) =>
        SidesByCode.TryGetValue(code, out var side) ? side : throw new InvalidDataException($"Unknown trade side code '{code}'.");

    public static AssetClass ParseAssetClass(string code) =>
        AssetClassesByCode.TryGetValue(code, out var assetClass) ? assetClass : throw new InvalidDataException($"Unknown asset class code '{code}'.");
}
