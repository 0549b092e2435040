using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Grains;

/// <summary>The invariants a quote must hold before a symbol grain numbers it.</summary>
internal static class QuoteValidator
{
    /// <summary>Null when the quote is valid for <paramref name="key"/>; otherwise why it is not.</summary>
    public static string? Validate(Quote quote, SymbolKey key)
    {
        if (!string.Equals(quote.Exchange, key.Exchange, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(quote.Symbol, key.Symbol, StringComparison.OrdinalIgnoreCase))
        {
            return $"quote for {quote.Exchange}/{quote.Symbol} sent to the {key} grain";
        }

        if (quote.MessageId == Guid.Empty)
        {
            return "message_id is empty";
        }

        // Zero means an empty side of the book (see the model), so only negative or unrepresentable values are wrong.
        return Side("bid_price", quote.BidPrice)
            ?? Side("bid_quantity", quote.BidQuantity)
            ?? Side("ask_price", quote.AskPrice)
            ?? Side("ask_quantity", quote.AskQuantity)
            ?? (quote.SourceSequence is < 0 ? $"source_sequence {quote.SourceSequence} is negative" : null);
    }

    private static string? Side(string field, decimal value) =>
        value < 0 || !MarketDecimal.Fits(value)
            ? $"{field} {value} is not a non-negative DECIMAL({MarketDecimal.Precision},{MarketDecimal.Scale})"
            : null;
}
