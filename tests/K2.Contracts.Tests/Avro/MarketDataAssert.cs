using System.Globalization;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Avro;

/// <summary>Field-by-field equality for decoded records, stricter than record equality where it matters.</summary>
internal static class MarketDataAssert
{
    public static void Equal(Trade expected, Trade actual)
    {
        // Record equality covers every scalar field (so a field added later is compared too); collections compare by
        // reference there, so they are checked by content below and borrowed from the actual value here.
        Assert.Equal(expected with { TradeConditions = actual.TradeConditions, VendorData = actual.VendorData }, actual);
        Assert.Equal(expected.TradeConditions, actual.TradeConditions);
        EqualMap(expected.VendorData, actual.VendorData);
        ExactDecimal(expected.Price, actual.Price);
        ExactDecimal(expected.Quantity, actual.Quantity);
        ExactTimestamp(expected.Timestamp, actual.Timestamp);
        ExactTimestamp(expected.IngestionTimestamp, actual.IngestionTimestamp);
    }

    public static void Equal(Quote expected, Quote actual)
    {
        Assert.Equal(expected with { VendorData = actual.VendorData }, actual);
        EqualMap(expected.VendorData, actual.VendorData);
        ExactDecimal(expected.BidPrice, actual.BidPrice);
        ExactDecimal(expected.BidQuantity, actual.BidQuantity);
        ExactDecimal(expected.AskPrice, actual.AskPrice);
        ExactDecimal(expected.AskQuantity, actual.AskQuantity);
        ExactTimestamp(expected.Timestamp, actual.Timestamp);
        ExactTimestamp(expected.IngestionTimestamp, actual.IngestionTimestamp);
    }

    /// <summary>
    /// The decision under test: a decoded decimal equals the original numerically and always carries scale 8, so it
    /// prints as the original padded to 8 decimals (0.00012345 prints "0.00012345", 1.5 prints "1.50000000").
    /// </summary>
    public static void ExactDecimal(decimal expected, decimal actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(MarketDecimal.Scale, actual.Scale);
        Assert.Equal(
            expected.ToString("F" + MarketDecimal.Scale, CultureInfo.InvariantCulture),
            actual.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Same instant to the tick, normalised to offset zero.</summary>
    public static void ExactTimestamp(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.Equal(expected.UtcTicks, actual.UtcTicks);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
    }

    private static void EqualMap(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        Assert.Equal(
            expected.OrderBy(entry => entry.Key, StringComparer.Ordinal),
            actual.OrderBy(entry => entry.Key, StringComparer.Ordinal));
}
