using K2.Ingestion.Binance.Configuration;

namespace K2.Ingestion.Tests.Binance.Configuration;

public sealed class BinanceFeedOptionsValidatorTests
{
    public static TheoryData<string, string> Broken => new()
    {
        { "empty symbol list after defaults", "Symbols must list" },
        { "duplicate symbol", "twice" },
        { "unsplittable symbol", "'BTCXYZ'" },
        { "http stream endpoint", "ws:// or wss://" },
        { "endpoint with a path", "without path" },
        { "ws REST URL", "RestBaseUrl" },
        { "rotation at the cut-off", "RotationInterval must be shorter" },
        { "zero staleness", "StalenessBound must be positive" },
        { "max below initial buffer", "InitialReceiveBufferBytes" },
        { "backoff max below initial", "Reconnect:Max" },
        { "breaker that never opens", "FailuresToOpen" },
        { "page too large", "PageSize" },
        { "refill larger than bucket", "TokensPerPeriod" },
        { "no attempts", "MaxAttemptsPerPage" },
        { "retry wait cap below default", "MaxRetryAfter" },
    };

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(Validate(new BinanceFeedOptions()).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Rejects_unworkable_settings_with_a_message_naming_them(string breakage, string expected)
    {
        var options = new BinanceFeedOptions();
        switch (breakage)
        {
            case "empty symbol list after defaults": options.Symbols = [.. Enumerable.Range(0, 1025).Select(i => $"A{i}USDT")]; break;
            case "duplicate symbol": options.Symbols = ["BTCUSDT", "BTCUSDT"]; break;
            case "unsplittable symbol": options.Symbols = ["BTCXYZ"]; break;
            case "http stream endpoint": options.WebSocketEndpoints = [new Uri("https://stream.binance.com:9443")]; break;
            case "endpoint with a path": options.WebSocketEndpoints = [new Uri("wss://stream.binance.com:9443/ws")]; break;
            case "ws REST URL": options.RestBaseUrl = new Uri("wss://api.binance.com"); break;
            case "rotation at the cut-off": options.RotationInterval = TimeSpan.FromHours(24); break;
            case "zero staleness": options.StalenessBound = TimeSpan.Zero; break;
            case "max below initial buffer": options.MaxMessageBytes = 1; break;
            case "backoff max below initial": options.Reconnect.Max = TimeSpan.FromMilliseconds(1); break;
            case "breaker that never opens": options.CircuitBreaker.FailuresToOpen = 0; break;
            case "page too large": options.GapRepair.PageSize = 1001; break;
            case "refill larger than bucket": options.GapRepair.TokensPerPeriod = 10; break;
            case "no attempts": options.GapRepair.MaxAttemptsPerPage = 0; break;
            default: options.GapRepair.MaxRetryAfter = TimeSpan.FromSeconds(1); break;
        }

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_lists_replace_the_defaults_and_are_normalised()
    {
        var options = new BinanceFeedOptions { Symbols = [" solusdt "], QuoteAssets = ["usdt"] };

        new BinanceFeedOptionsDefaults().PostConfigure(null, options);

        Assert.Equal(["SOLUSDT"], options.Symbols);
        Assert.Equal(["USDT"], options.QuoteAssets);
        Assert.Equal(BinanceFeedDefaults.WebSocketEndpoints, options.WebSocketEndpoints);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(BinanceFeedOptions options)
    {
        new BinanceFeedOptionsDefaults().PostConfigure(null, options);
        return new BinanceFeedOptionsValidator().Validate(null, options);
    }
}
