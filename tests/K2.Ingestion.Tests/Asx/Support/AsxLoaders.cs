using K2.Ingestion.Asx.Loading;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Tests.Asx.Support;

internal static class AsxLoaders
{
    public static AsxBatchLoader Create(AsxLoaderOptions? options = null) =>
        new(Options.Create(options ?? new AsxLoaderOptions()), TimeProvider.System);
}
