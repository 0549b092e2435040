using K2.Contracts.Model;

namespace K2.Testing;

/// <summary>
/// Builds valid quotes for tests, with message ids from <see cref="MessageIds"/> as the ASX loader makes them, so a
/// replayed quote collides with its original as it would in production.
/// </summary>
public static class Quotes
{
    /// <summary>An ASX-style top-of-book quote <c>ASX-{symbol}-Q{row}</c>: no exchange sequence, one tick apart per row.</summary>
    public static Quote Asx(int row, string symbol = "BHP", DateTimeOffset? at = null) => new()
    {
        MessageId = MessageIds.ForQuote("ASX", symbol, $"ASX-{symbol}-Q{row}"),
        QuoteId = $"ASX-{symbol}-Q{row}",
        Symbol = symbol,
        Exchange = "ASX",
        AssetClass = AssetClass.Equities,
        Timestamp = at ?? Trades.BaseTime.AddMilliseconds(row),
        BidPrice = 36.16m + (row % 10 * 0.01m),
        BidQuantity = 600m,
        AskPrice = 36.25m + (row % 10 * 0.01m),
        AskQuantity = row % 7 == 0 ? 0m : 1_288m,
        Currency = "AUD",
        IngestionTimestamp = Trades.BaseTime,
    };

    /// <summary>The row number a quote id of <see cref="Asx"/> carries.</summary>
    public static int RowOf(string quoteId)
    {
        ArgumentNullException.ThrowIfNull(quoteId);
        return int.Parse(quoteId[(quoteId.LastIndexOf('Q') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
