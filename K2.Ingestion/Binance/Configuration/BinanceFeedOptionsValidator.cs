using K2.Ingestion.Binance.Parsing;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Binance.Configuration;

/// <summary>Rejects a <c>K2:Binance</c> configuration that could not work, when the host starts rather than at 3 a.m.</summary>
internal sealed class BinanceFeedOptionsValidator : IValidateOptions<BinanceFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, BinanceFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateSymbols(options, failures);
        ValidateEndpoints(options, failures);
        ValidateStream(options, failures);
        ValidateResilience(options, failures);
        ValidateGapRepair(options.GapRepair, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSymbols(BinanceFeedOptions options, List<string> failures)
    {
        if (options.Symbols.Count is 0 or > BinanceLimits.MaxStreamsPerConnection)
        {
            failures.Add($"K2:Binance:Symbols must list 1 to {BinanceLimits.MaxStreamsPerConnection} symbols.");
        }

        if (options.Symbols.Distinct(StringComparer.Ordinal).Count() != options.Symbols.Count)
        {
            failures.Add("K2:Binance:Symbols lists a symbol twice.");
        }

        var resolver = BinanceSymbolResolver.FromOptions(options);
        foreach (var symbol in options.Symbols.Where(symbol => !resolver.TryResolve(symbol, out _)))
        {
            failures.Add($"K2:Binance:Symbols: '{symbol}' is not an upper-case symbol ending in a known quote asset (K2:Binance:QuoteAssets).");
        }
    }

    private static void ValidateEndpoints(BinanceFeedOptions options, List<string> failures)
    {
        if (options.WebSocketEndpoints.Count == 0)
        {
            failures.Add("K2:Binance:WebSocketEndpoints must list at least one endpoint.");
        }

        foreach (var endpoint in options.WebSocketEndpoints.Where(endpoint => !IsBaseUri(endpoint, "ws", "wss")))
        {
            failures.Add($"K2:Binance:WebSocketEndpoints: '{endpoint}' must be an absolute ws:// or wss:// URI without path, query or fragment.");
        }

        if (!IsBaseUri(options.RestBaseUrl, "http", "https"))
        {
            failures.Add($"K2:Binance:RestBaseUrl '{options.RestBaseUrl}' must be an absolute http(s) URI without path, query or fragment.");
        }
    }

    private static void ValidateStream(BinanceFeedOptions options, List<string> failures)
    {
        RequirePositive(options.ConnectTimeout, "ConnectTimeout", failures);
        RequirePositive(options.StalenessBound, "StalenessBound", failures);
        RequirePositive(options.RotationInterval, "RotationInterval", failures);
        if (options.RotationInterval >= BinanceLimits.ConnectionLifetime)
        {
            failures.Add($"K2:Binance:RotationInterval must be shorter than Binance's {BinanceLimits.ConnectionLifetime} connection cut-off.");
        }

        if (options.InitialReceiveBufferBytes <= 0 || options.MaxMessageBytes < options.InitialReceiveBufferBytes)
        {
            failures.Add("K2:Binance: need 0 < InitialReceiveBufferBytes <= MaxMessageBytes.");
        }
    }

    private static void ValidateResilience(BinanceFeedOptions options, List<string> failures)
    {
        RequirePositive(options.Reconnect.Initial, "Reconnect:Initial", failures);
        if (options.Reconnect.Max < options.Reconnect.Initial)
        {
            failures.Add("K2:Binance:Reconnect:Max must be at least Reconnect:Initial.");
        }

        if (!Enum.IsDefined(options.Reconnect.Jitter))
        {
            failures.Add($"K2:Binance:Reconnect:Jitter '{options.Reconnect.Jitter}' is not a known jitter mode.");
        }

        if (options.CircuitBreaker.FailuresToOpen < 1)
        {
            failures.Add("K2:Binance:CircuitBreaker:FailuresToOpen must be at least 1.");
        }

        RequirePositive(options.CircuitBreaker.OpenDuration, "CircuitBreaker:OpenDuration", failures);
    }

    private static void ValidateGapRepair(GapRepairOptions repair, List<string> failures)
    {
        if (repair.PageSize is < 1 or > BinanceLimits.MaxHistoricalTradesPageSize)
        {
            failures.Add($"K2:Binance:GapRepair:PageSize must be 1 to {BinanceLimits.MaxHistoricalTradesPageSize}.");
        }

        if (repair.BucketCapacity < 1 || repair.TokensPerPeriod < 1 || repair.TokensPerPeriod > repair.BucketCapacity)
        {
            failures.Add("K2:Binance:GapRepair: need 1 <= TokensPerPeriod <= BucketCapacity.");
        }

        if (repair.MaxAttemptsPerPage < 1)
        {
            failures.Add("K2:Binance:GapRepair:MaxAttemptsPerPage must be at least 1.");
        }

        RequirePositive(repair.ReplenishmentPeriod, "GapRepair:ReplenishmentPeriod", failures);
        RequirePositive(repair.DefaultRetryAfter, "GapRepair:DefaultRetryAfter", failures);
        RequirePositive(repair.RequestTimeout, "GapRepair:RequestTimeout", failures);
        if (repair.MaxRetryAfter < repair.DefaultRetryAfter)
        {
            failures.Add("K2:Binance:GapRepair:MaxRetryAfter must be at least DefaultRetryAfter.");
        }
    }

    private static void RequirePositive(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"K2:Binance:{setting} must be positive.");
        }
    }

    private static bool IsBaseUri(Uri? uri, params string[] schemes) =>
        uri is { IsAbsoluteUri: true }
        && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment);
}
