using Microsoft.Extensions.Options;

namespace K2.Ingestion.Binance.Configuration;

/// <summary>Fills empty list settings with <see cref="BinanceFeedDefaults"/> and normalises codes to upper case.</summary>
internal sealed class BinanceFeedOptionsDefaults : IPostConfigureOptions<BinanceFeedOptions>
{
    public void PostConfigure(string? name, BinanceFeedOptions options)
    {
        options.Symbols = Normalise(options.Symbols, BinanceFeedDefaults.Symbols);
        options.QuoteAssets = Normalise(options.QuoteAssets, BinanceFeedDefaults.QuoteAssets);
        if (options.WebSocketEndpoints.Count == 0)
        {
            options.WebSocketEndpoints = [.. BinanceFeedDefaults.WebSocketEndpoints];
        }
    }

    private static List<string> Normalise(List<string> configured, IReadOnlyList<string> defaults) =>
        configured.Count == 0
            ? [.. defaults]
            : [.. configured.Select(code => code.Trim().ToUpperInvariant())];
}
