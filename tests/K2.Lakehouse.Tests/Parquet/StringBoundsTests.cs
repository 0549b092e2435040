using K2.Lakehouse.Parquet;

namespace K2.Lakehouse.Tests.Parquet;

public sealed class StringBoundsTests
{
    [Fact]
    public void Short_values_are_kept_whole()
    {
        Assert.Equal("BTCUSDT", StringBounds.TruncateLower("BTCUSDT", 16));
        Assert.Equal("BTCUSDT", StringBounds.TruncateUpper("BTCUSDT", 16));
    }

    [Fact]
    public void Long_values_truncate_to_a_prefix_and_an_incremented_prefix()
    {
        Assert.Equal("BINANCE-", StringBounds.TruncateLower("BINANCE-4851805410", 8));
        Assert.Equal("BINANCE.", StringBounds.TruncateUpper("BINANCE-4851805410", 8));
        Assert.True(string.CompareOrdinal(StringBounds.TruncateUpper("BINANCE-4851805410", 8), "BINANCE-4851805410") > 0);
    }

    [Fact]
    public void Upper_bound_skips_surrogates_and_gives_up_at_the_last_code_point()
    {
        Assert.Equal("a\uE000", StringBounds.TruncateUpper("a\uD7FFzz", 2));
        Assert.Null(StringBounds.TruncateUpper("\U0010FFFF\U0010FFFFx", 2));
    }
}
