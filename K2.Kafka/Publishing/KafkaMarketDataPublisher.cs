using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using K2.Contracts.Model;
using K2.Kafka.Configuration;
using K2.Kafka.Diagnostics;
using K2.Kafka.Producing;
using K2.Kafka.Serialization;
using K2.Kafka.Topics;
using K2.Kafka.Tracing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Publishing;

/// <summary>
/// Publishes trades and quotes to their venue's topic (<see cref="MarketDataRoutes"/>): key = symbol (UTF-8), so one
/// symbol's records stay in order on one partition; value = the serialized record; headers <c>k2-schema</c> and
/// <c>k2-source</c>, and W3C <c>traceparent</c>/<c>tracestate</c> when the publish is traced (see
/// <see cref="KafkaTracing"/>). Idempotent producer with acks=all. A publish completes when the record is queued; when the
/// bounded queue is full it waits. <see cref="FlushAsync"/> completes when everything queued is acknowledged and
/// throws if any delivery failed; after a failure every publish throws too (see <see cref="KafkaDeliveryException"/>).
/// Calls for one symbol must not overlap (await each), or their order is not defined.
/// </summary>
public sealed class KafkaMarketDataPublisher : IMarketDataPublisher, IAsyncDisposable
{
    /// <summary>Client id suffix: <c>&lt;ClientId&gt;-marketdata</c>.</summary>
    public const string ClientPurpose = "marketdata";

    private readonly ReliableProducer _producer;
    private readonly IRecordSerializer<Trade> _trades;
    private readonly IRecordSerializer<Quote> _quotes;
    private readonly RecordEncoder _encoder = new();
    private readonly Dictionary<MarketDataRoute, Headers> _headers;

    public KafkaMarketDataPublisher(
        IOptions<KafkaOptions> options,
        IRecordSerializer<Trade> trades,
        IRecordSerializer<Quote> quotes,
        ILogger<KafkaMarketDataPublisher> logger,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _trades = trades ?? throw new ArgumentNullException(nameof(trades));
        _quotes = quotes ?? throw new ArgumentNullException(nameof(quotes));
        _producer = new ReliableProducer(options.Value, ClientPurpose, logger, meterFactory);
        // Built once and shared by every record of a route: Confluent only reads headers while producing.
        _headers = MarketDataRoutes.All.ToDictionary(route => route, route => new Headers()
            .AddText(K2Headers.Schema, route.Kind == MarketDataKind.Trade ? trades.SchemaName : quotes.SchemaName)
            .AddText(K2Headers.Source, route.Source));
    }

    public ProducerStatistics Statistics => _producer.Statistics;

    public ValueTask PublishTradeAsync(Trade trade, CancellationToken cancellationToken)
    {
        var route = MarketDataRoutes.ForTrade(trade);
        return SendAsync(route, trade.Symbol, _encoder.Encode(_trades, trade), cancellationToken);
    }

    public ValueTask PublishQuoteAsync(Quote quote, CancellationToken cancellationToken)
    {
        var route = MarketDataRoutes.ForQuote(quote);
        return SendAsync(route, quote.Symbol, _encoder.Encode(_quotes, quote), cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _producer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _producer.DisposeAsync();

    private ValueTask SendAsync(MarketDataRoute route, string symbol, byte[] value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        // No explicit timestamp: the broker-side time is produce time. Exchange time is in the value; using it as the
        // record timestamp would let retention delete a replayed historical day as soon as it is written.
        var message = new Message<byte[]?, byte[]>
        {
            Key = Encoding.UTF8.GetBytes(symbol),
            Value = value,
            Headers = _headers[route],
        };
        return KafkaTracing.IsTracing
            ? SendTracedAsync(route, symbol, message, cancellationToken)
            : _producer.SendAsync(route.Topic, message, cancellationToken);
    }

    // Async so the publish span is current only inside this call, never left behind in the caller's context.
    private async ValueTask SendTracedAsync(MarketDataRoute route, string symbol, Message<byte[]?, byte[]> message, CancellationToken cancellationToken)
    {
        using var span = KafkaTracing.StartPublish(route.Topic, symbol, out var carrier);
        message.Headers = TraceContextHeaders.With(_headers[route], carrier);
        try
        {
            await _producer.SendAsync(route.Topic, message, cancellationToken);
        }
        catch (Exception exception)
        {
            span?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
    }
}
