using K2.Api.Query;
using K2.Api.Query.Candles;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Testing;

namespace K2.Api.Tests.Query;

public sealed class CandleMathTests
{
    private const long Minute = 60_000_000;

    [Fact]
    public void A_candle_of_trades_opens_with_the_earliest_and_closes_with_the_latest_by_exchange_time()
    {
        var t0 = Trades.BaseTime;
        var trades = new[]
        {
            Trade(1, t0.AddSeconds(30), 10.5m, 2m),
            Trade(2, t0.AddSeconds(5), 11m, 1m), // arrived second, happened first
            Trade(3, t0.AddSeconds(59), 9.25m, 4m),
            Trade(4, t0.AddSeconds(59), 9.5m, 1m), // same microsecond: the higher platform sequence is later
        };

        var candle = Assert.Single(CandleMath.Aggregate(trades, Minute));

        Assert.Equal(UtcMicros.ToMicros(t0), candle.BucketStartMicros);
        Assert.Equal((11m, 11m, 9.25m, 9.5m), (candle.Open, candle.High, candle.Low, candle.Close));
        Assert.Equal(8m, candle.Volume);
        Assert.Equal(4, candle.TradeCount);
        Assert.Equal((10.5m * 2) + 11m + (9.25m * 4) + 9.5m, candle.Notional);
    }

    [Fact]
    public void Merging_cold_and_hot_parts_of_one_bucket_equals_aggregating_all_its_trades()
    {
        var t0 = Trades.BaseTime;
        var trades = Enumerable.Range(1, 12).Select(i => Trade(i, t0.AddSeconds((i * 37) % 60), 100m + ((i * 7) % 5), i * 0.5m)).ToList();
        var whole = Assert.Single(CandleMath.Aggregate(trades, Minute));

        for (var split = 0; split <= trades.Count; split++)
        {
            var parts = new[] { trades[..split], trades[split..] }.Where(p => p.Count > 0).Select(p => Assert.Single(CandleMath.Aggregate(p, Minute)));
            var merged = parts.Aggregate(CandleMath.Merge);
            var reversed = parts.Reverse().Aggregate(CandleMath.Merge);

            Assert.Equal(whole, merged);
            Assert.Equal(whole, reversed);
        }
    }

    [Fact]
    public void Trades_fall_into_epoch_aligned_buckets()
    {
        var t0 = new DateTimeOffset(2014, 3, 11, 5, 59, 59, TimeSpan.Zero);
        var candles = CandleMath.Aggregate([Trade(1, t0, 1m, 1m), Trade(2, t0.AddSeconds(1), 2m, 1m)], 60 * Minute).OrderBy(c => c.BucketStartMicros).ToList();

        Assert.Equal(2, candles.Count);
        Assert.Equal(UtcMicros.ToMicros(new DateTimeOffset(2014, 3, 11, 5, 0, 0, TimeSpan.Zero)), candles[0].BucketStartMicros);
        Assert.Equal(UtcMicros.ToMicros(new DateTimeOffset(2014, 3, 11, 6, 0, 0, TimeSpan.Zero)), candles[1].BucketStartMicros);
        Assert.Equal(-Minute, CandleInterval.BucketStart(-1, Minute));
    }

    [Fact]
    public void Vwap_is_exact_division_rounded_half_to_even_at_eight_decimals()
    {
        var key = new HistoryKey(0, 1, "x");
        var candle = new Candle(0, 1m, 1m, 1m, 1m, Volume: 3m, Notional: 1m, 3, key, key);
        var tie = candle with { Volume = 2m, Notional = 0.000000005m * 2 };

        Assert.Equal(0.33333333m, CandleMath.Vwap(candle));
        Assert.Equal(0.00000000m, CandleMath.Vwap(tie));
    }

    [Theory]
    [InlineData("1m", 60_000_000L)]
    [InlineData("5m", 300_000_000L)]
    [InlineData("15m", 900_000_000L)]
    [InlineData("1h", 3_600_000_000L)]
    [InlineData("1d", 86_400_000_000L)]
    public void The_five_intervals_parse_to_their_widths(string name, long width) => Assert.Equal(width, CandleInterval.Parse(name));

    [Theory]
    [InlineData("2m")]
    [InlineData("1H")]
    [InlineData("1d'; --")]
    public void Other_intervals_are_a_400(string name) =>
        Assert.Equal("invalid_interval", Assert.Throws<ApiException>(() => CandleInterval.Parse(name)).Error);

    private static Trade Trade(long sequence, DateTimeOffset at, decimal price, decimal quantity) =>
        Trades.Binance(sequence, at) with { PlatformSequence = sequence, Price = price, Quantity = quantity };
}
