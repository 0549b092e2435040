using K2.Contracts.Grains;

namespace K2.Contracts.Tests.Grains;

public sealed class SymbolKeyTests
{
    private const int MaxPartLength = 64;

    [Theory]
    [InlineData("BINANCE/BTCUSDT", "BINANCE", "BTCUSDT")]
    [InlineData("binance/btcusdt", "BINANCE", "BTCUSDT")]
    [InlineData("Cme/ES.Z26", "CME", "ES.Z26")]
    [InlineData("x-1/a_b-c.d", "X-1", "A_B-C.D")]
    public void Parse_normalises_to_upper_case(string key, string exchange, string symbol)
    {
        var parsed = SymbolKey.Parse(key);

        Assert.Equal(exchange, parsed.Exchange);
        Assert.Equal(symbol, parsed.Symbol);
        Assert.Equal($"{exchange}/{symbol}", parsed.ToString());
    }

    [Fact]
    public void Differently_cased_keys_are_the_same_grain_key() =>
        Assert.Equal(SymbolKey.Parse("binance/btcusdt"), new SymbolKey("BINANCE", "BTCUSDT"));

    [Fact]
    public void ToString_parses_back_to_the_same_key()
    {
        var key = new SymbolKey("kraken", "xbt-usd");
        Assert.Equal(key, SymbolKey.Parse(key.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("BINANCE")]
    [InlineData("/BTCUSDT")]
    [InlineData("BINANCE/")]
    [InlineData("A/B/C")]
    [InlineData("BIN ANCE/BTC")]
    [InlineData("BINANCE/BTC USDT")]
    [InlineData("BINANCE/BTC\u00C9")]
    [InlineData("BINANCE/BTC\u0661")]
    [InlineData("BINANCE/BTC:USDT")]
    public void Invalid_keys_are_rejected(string key)
    {
        Assert.False(SymbolKey.TryParse(key, out var parsed));
        Assert.Equal(default, parsed);
        Assert.Throws<FormatException>(() => SymbolKey.Parse(key));
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.False(SymbolKey.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => SymbolKey.Parse(null!));
    }

    [Fact]
    public void Parts_are_limited_to_64_characters()
    {
        var longest = new string('A', MaxPartLength);
        Assert.True(SymbolKey.TryParse($"{longest}/{longest}", out _));
        Assert.False(SymbolKey.TryParse($"{longest}A/BTC", out _));
        Assert.False(SymbolKey.TryParse($"BINANCE/{longest}A", out _));
    }

    [Theory]
    [InlineData("", "BTC", "exchange")]
    [InlineData("BINANCE", "", "symbol")]
    [InlineData("BIN/ANCE", "BTC", "exchange")]
    [InlineData("BINANCE", "BTC USDT", "symbol")]
    public void Constructor_rejects_invalid_parts_naming_them(string exchange, string symbol, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentException>(() => new SymbolKey(exchange, symbol)).ParamName);
}
