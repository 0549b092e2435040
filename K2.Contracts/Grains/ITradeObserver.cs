using K2.Contracts.Model;
using Orleans.Concurrency;

namespace K2.Contracts.Grains;

/// <summary>
/// Receives the trades a symbol grain accepts, one call per ingested batch. The call is one-way: the grain sends it
/// and moves on, so a slow or dead observer never delays ingestion. Delivery is best effort (a lost message, a grain
/// re-activation); every trade carries its platform sequence, so an observer detects a hole and re-reads the grain's
/// window with <see cref="ISymbolGrain.GetTradesAfterAsync"/>.
/// </summary>
public interface ITradeObserver : IGrainObserver
{
    /// <summary>The accepted trades of one batch, oldest (lowest platform sequence) first.</summary>
    [OneWay]
    Task OnTradesAccepted(IReadOnlyList<Trade> trades);
}
