using K2.Contracts.Model;
using K2.Silo.Flush;

namespace K2.Silo.Tests.Flush;

internal static class LakehouseFlusherExtensions
{
    /// <summary>A flush's two table steps back to back, as the consumer's background commit takes them: write, then commit.</summary>
    public static async Task<FlushOutcome> FlushAsync<TRecord>(
        this LakehouseFlusher<TRecord> flusher, FlushBatch<TRecord> batch, string kafkaClusterId, CancellationToken cancellationToken)
        where TRecord : class, IMarketDataRecord
    {
        var files = await flusher.WriteAsync(batch, cancellationToken);
        return await flusher.CommitAsync(batch, files, kafkaClusterId, cancellationToken);
    }
}
