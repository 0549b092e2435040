using K2.Api.Query.Candles;
using K2.Lakehouse.Reading;

namespace K2.Api.Responses;

/// <summary>
/// One OHLCV candle on the wire: bucket [<c>Start</c>, <c>End</c>) in UTC, exact decimal strings (see
/// <see cref="WireFormat"/>); VWAP is Σ(price × quantity) / Σ quantity rounded half to even to 8 decimals.
/// </summary>
public sealed record CandleResponse(string Start, string End, string Open, string High, string Low, string Close, string Volume, string Vwap, long TradeCount)
{
    public static CandleResponse From(Candle candle, long widthMicros)
    {
        ArgumentNullException.ThrowIfNull(candle);
        return new(
            WireFormat.Timestamp(candle.BucketStartMicros),
            WireFormat.Timestamp(candle.BucketStartMicros + widthMicros),
            WireFormat.Exact(candle.Open),
            WireFormat.Exact(candle.High),
            WireFormat.Exact(candle.Low),
            WireFormat.Exact(candle.Close),
            WireFormat.Exact(candle.Volume),
            WireFormat.Exact(CandleMath.Vwap(candle)),
            candle.TradeCount);
    }
}

/// <summary>A page of candles; buckets without trades are left out. Pass <c>NextCursor</c> as <c>cursor</c> to continue.</summary>
public sealed record CandlePageResponse(
    string Exchange,
    string Symbol,
    string Interval,
    string Order,
    long? ColdSnapshotId,
    long? FlushedThroughSequence,
    int Count,
    string? NextCursor,
    IReadOnlyList<CandleResponse> Candles);
