using K2.Contracts.Model;
using K2.Kafka.Publishing;

namespace K2.Ingestion.Asx.Cli.DryRun;

/// <summary>Accepts everything and keeps nothing: a dry run parses and validates every row without a broker.</summary>
public sealed class DiscardingMarketDataPublisher : IMarketDataPublisher
{
    public ValueTask PublishTradeAsync(Trade trade, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask PublishQuoteAsync(Quote quote, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
