using K2.Contracts.Model;

namespace K2.Kafka.Publishing;

/// <summary>
/// Where feed handlers hand records to the durable log. Implementations apply back-pressure: when their bounded
/// queue is full, these calls wait (slowing the feed) rather than drop anything.
/// </summary>
public interface IMarketDataPublisher
{
    ValueTask PublishTradeAsync(Trade trade, CancellationToken cancellationToken);

    ValueTask PublishQuoteAsync(Quote quote, CancellationToken cancellationToken);

    /// <summary>Waits until everything published so far is acknowledged by the broker.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
