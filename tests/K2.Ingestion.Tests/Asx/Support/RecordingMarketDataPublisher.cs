using K2.Contracts.Model;
using K2.Kafka.Publishing;

namespace K2.Ingestion.Tests.Asx.Support;

/// <summary>Keeps everything published, in order, and when flushes happened relative to the publishes.</summary>
internal sealed class RecordingMarketDataPublisher : IMarketDataPublisher
{
    public List<Trade> Trades { get; } = [];

    public List<Quote> Quotes { get; } = [];

    /// <summary>For each flush, how many records had been published before it.</summary>
    public List<int> FlushedAfter { get; } = [];

    public ValueTask PublishTradeAsync(Trade trade, CancellationToken cancellationToken)
    {
        Trades.Add(trade);
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishQuoteAsync(Quote quote, CancellationToken cancellationToken)
    {
        Quotes.Add(quote);
        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        FlushedAfter.Add(Trades.Count + Quotes.Count);
        return Task.CompletedTask;
    }
}
