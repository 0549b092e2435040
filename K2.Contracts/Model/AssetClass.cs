namespace K2.Contracts.Model;

/// <summary>Asset class of an instrument, as carried in the v2 envelope.</summary>
public enum AssetClass
{
    Equities = 0,
    Crypto = 1,
    Futures = 2,
    Options = 3,
}
