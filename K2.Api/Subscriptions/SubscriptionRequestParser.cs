using K2.Api.Query;
using K2.Contracts.Grains;
using Microsoft.Extensions.Options;

namespace K2.Api.Subscriptions;

/// <summary>Checks a subscription request against <see cref="SubscriptionOptions"/>; every refusal is a 400 with its own code.</summary>
public sealed class SubscriptionRequestParser(IOptions<SubscriptionOptions> options)
{
    public (IReadOnlyList<SymbolKey> Symbols, int Backfill) Parse(IReadOnlyCollection<string> symbols, int? backfill)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var limits = options.Value;
        if (symbols.Count == 0)
        {
            throw Invalid("invalid_symbol", "Name at least one symbol as EXCHANGE/SYMBOL, e.g. BINANCE/BTCUSDT.");
        }

        if (symbols.Count > limits.MaxSymbolsPerSubscription)
        {
            throw Invalid("too_many_symbols", $"{symbols.Count} symbols; one subscription may name at most {limits.MaxSymbolsPerSubscription}.");
        }

        var keys = new List<SymbolKey>(symbols.Count);
        foreach (var text in symbols)
        {
            if (!SymbolKey.TryParse(text, out var key))
            {
                throw Invalid("invalid_symbol", $"'{Truncate(text)}' is not EXCHANGE/SYMBOL (1-64 letters, digits, '.', '-' or '_' each).");
            }

            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        var trades = backfill ?? limits.DefaultBackfill;
        if (trades < 0 || trades > limits.MaxBackfill)
        {
            throw Invalid("invalid_backfill", $"backfill is 0 to {limits.MaxBackfill} trades per symbol.");
        }

        return (keys, trades);
    }

    private static ApiException Invalid(string error, string message) => new(StatusCodes.Status400BadRequest, error, message);

    // Echo a bounded piece of what was sent: enough to recognise it, never a whole hostile payload.
    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
