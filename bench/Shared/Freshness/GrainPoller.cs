using System.Diagnostics;
using K2.Contracts.Grains;

namespace K2.Bench.Freshness;

/// <summary>
/// Asks the probe symbol's grain for its newest trade directly (an Orleans call inside the silo's process, no HTTP):
/// the ingest pipeline's share of the API-visible latency, with the API's share the difference.
/// </summary>
internal sealed class GrainPoller(IGrainFactory grains, ProbeLedger ledger, TimeSpan pause)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<ISymbolGrain>(new SymbolKey(ProbeTrades.Exchange, ProbeTrades.Symbol).ToString());
        while (!cancellationToken.IsCancellationRequested)
        {
            var newest = await grain.GetRecentTradesAsync(1);
            var seen = Stopwatch.GetTimestamp();
            if (newest is [{ SourceSequence: { } id }])
            {
                ledger.MarkThrough(ledger.Grain, id, seen);
            }

            try
            {
                await Task.Delay(pause, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
