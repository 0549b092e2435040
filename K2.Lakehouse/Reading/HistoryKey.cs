using K2.Contracts.Model;

namespace K2.Lakehouse.Reading;

/// <summary>
/// The total order of one symbol's history, shared by the DuckDB queries and the API's merge of hot and cold rows:
/// exchange time, then platform sequence, then the record id. Rows without a platform sequence (written outside
/// the symbol grains, which number from 1) sort as sequence 0, first among rows of the same microsecond.
/// Ids compare ordinally, which is DuckDB's binary string order for the ASCII ids K2 builds.
/// </summary>
public readonly record struct HistoryKey(long TimestampMicros, long Sequence, string Id) : IComparable<HistoryKey>
{
    /// <summary>Sequence of rows that have no platform sequence.</summary>
    public const long NoSequence = 0;

    public static HistoryKey Of(Trade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        return new(UtcMicros.ToMicros(trade.Timestamp), trade.PlatformSequence ?? NoSequence, trade.TradeId);
    }

    public static HistoryKey Of(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new(UtcMicros.ToMicros(quote.Timestamp), quote.PlatformSequence ?? NoSequence, quote.QuoteId);
    }

    public int CompareTo(HistoryKey other)
    {
        var byTime = TimestampMicros.CompareTo(other.TimestampMicros);
        if (byTime != 0)
        {
            return byTime;
        }

        var bySequence = Sequence.CompareTo(other.Sequence);
        return bySequence != 0 ? bySequence : string.CompareOrdinal(Id, other.Id);
    }

    public static bool operator <(HistoryKey left, HistoryKey right) => left.CompareTo(right) < 0;

    public static bool operator >(HistoryKey left, HistoryKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(HistoryKey left, HistoryKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(HistoryKey left, HistoryKey right) => left.CompareTo(right) >= 0;
}
