namespace K2.Contracts.Model;

/// <summary>The aggressor's side of a trade.</summary>
public enum TradeSide
{
    Unknown = 0,
    Buy = 1,
    Sell = 2,
    SellShort = 3,
}
