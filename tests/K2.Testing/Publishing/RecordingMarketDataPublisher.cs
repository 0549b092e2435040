using K2.Contracts.Model;
using K2.Kafka.Publishing;

namespace K2.Testing.Publishing;

/// <summary>An <see cref="IMarketDataPublisher"/> that keeps everything in memory, in publication order.</summary>
public sealed class RecordingMarketDataPublisher : IMarketDataPublisher
{
    public AwaitableLog<Trade> Trades { get; } = new();

    public AwaitableLog<Quote> Quotes { get; } = new();

    /// <summary>For each flush, how many records had been published before it.</summary>
    public AwaitableLog<int> FlushedAfter { get; } = new();

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
