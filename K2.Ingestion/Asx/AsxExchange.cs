using K2.Contracts.Model;

namespace K2.Ingestion.Asx;

/// <summary>Facts about the ASX source that every ASX record carries; they are properties of the data, not settings.</summary>
public static class AsxExchange
{
    /// <summary>The <c>exchange</c> field of every ASX trade and quote, and the prefix of their ids.</summary>
    public const string Code = "ASX";

    /// <summary>ASX equities are quoted in Australian dollars.</summary>
    public const string Currency = "AUD";

    public const AssetClass AssetClass = K2.Contracts.Model.AssetClass.Equities;

    /// <summary>Dead letters from this source go to <c>k2.dlq.asx</c>.</summary>
    public const string DeadLetterSource = "asx";

    /// <summary>The stage name on dead letters for rows that could not be turned into a trade or quote.</summary>
    public const string ParseStage = "parse";

    /// <summary>Vendor-data keys for ASX columns that have no core K2 field.</summary>
    public static class VendorKeys
    {
        public const string CompanyId = "company_id";
        public const string Venue = "venue";
        public const string BuyerId = "buyer_id";
    }
}
