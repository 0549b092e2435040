using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Grains;

/// <summary>The invariants a trade must hold before a symbol grain classifies it.</summary>
internal static class TradeValidator
{
    /// <summary>Null when the trade is valid for <paramref name="key"/>; otherwise why it is not.</summary>
    public static string? Validate(Trade trade, SymbolKey key)
    {
        if (!string.Equals(trade.Exchange, key.Exchange, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(trade.Symbol, key.Symbol, StringComparison.OrdinalIgnoreCase))
        {
            return $"trade for {trade.Exchange}/{trade.Symbol} sent to the {key} grain";
        }

        if (trade.MessageId == Guid.Empty)
        {
            return "message_id is empty";
        }

        if (trade.Price <= 0 || !MarketDecimal.Fits(trade.Price))
        {
            return $"price {trade.Price} is not a positive DECIMAL({MarketDecimal.Precision},{MarketDecimal.Scale})";
        }

        if (trade.Quantity <= 0 || !MarketDecimal.Fits(trade.Quantity))
        {
            return $"quantity {trade.Quantity} is not a positive DECIMAL({MarketDecimal.Precision},{MarketDecimal.Scale})";
        }

        if (trade.SourceSequence is < 0)
        {
            return $"source_sequence {trade.SourceSequence} is negative";
        }

        return null;
    }
}
