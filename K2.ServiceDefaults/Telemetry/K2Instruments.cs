namespace K2.ServiceDefaults.Telemetry;

/// <summary>
/// The catalogue of every instrument K2 emits, and so of every K2 meter the service defaults register.
/// Components keep their own constants (K2.Kafka and K2.Lakehouse do not reference this project); the telemetry tests
/// compare what each component really publishes with this list, and docs/telemetry.md documents it entry by entry.
/// </summary>
public static class K2Instruments
{
    public const string SiloMeter = "K2.Silo";
    public const string KafkaMeter = "K2.Kafka";
    public const string IngestionMeter = "K2.Ingestion";
    public const string HealthMeter = "K2.Health";
    public const string ApiMeter = "K2.Api";

    public static IReadOnlyList<K2Instrument> All { get; } =
    [
        // K2.Silo/Ingest/IngestMetrics: the silo's Kafka consumer.
        new(SiloMeter, "k2.silo.ingest.messages", InstrumentKind.Counter, null, ["topic"], "IngestMetrics (silo)", "Kafka records consumed."),
        new(SiloMeter, "k2.silo.ingest.batches", InstrumentKind.Counter, null, [], "IngestMetrics (silo)", "Poll batches processed and committed."),
        new(SiloMeter, "k2.silo.ingest.batch_processing", InstrumentKind.Histogram, "s", [], "IngestMetrics (silo)", "Time from handing a polled batch to its symbol grains until every grain answered, retries included."),
        new(SiloMeter, "k2.silo.ingest.grain_calls", InstrumentKind.Counter, null, [], "IngestMetrics (silo)", "Symbol grain IngestAsync calls that succeeded."),
        new(SiloMeter, "k2.silo.ingest.dead_letters", InstrumentKind.Counter, null, ["stage"], "IngestMetrics (silo)", "Records sent to k2.dlq.silo (stage decode or validate)."),
        new(SiloMeter, "k2.silo.ingest.batch_retries", InstrumentKind.Counter, null, [], "IngestMetrics (silo)", "Batch attempts that failed and were retried."),
        new(SiloMeter, "k2.silo.flush.commits", InstrumentKind.Counter, null, [], "IngestMetrics (silo)", "Lakehouse commits of the consumer's buffer."),
        new(SiloMeter, "k2.silo.flush.rows", InstrumentKind.Counter, null, [], "IngestMetrics (silo)", "Trades committed to the lakehouse."),
        new(SiloMeter, "k2.silo.flush.fenced", InstrumentKind.Counter, null, [], "IngestMetrics (silo)", "Flushes declined because another consumer had moved a partition's offsets on."),
        new(SiloMeter, "k2.silo.flush.failures", InstrumentKind.Counter, null, [], "IngestMetrics (silo)", "Flush attempts that failed and were retried (warehouse, catalog, grain checkpoint)."),
        new(SiloMeter, "k2.silo.ingest.resyncs", InstrumentKind.Counter, null, [], "IngestMetrics (silo)", "Times the consumer dropped its buffer and re-read from the lakehouse's offsets."),
        new(SiloMeter, "k2.silo.ingest.paused_partitions", InstrumentKind.Gauge, null, [], "IngestMetrics (silo)", "Partitions the consumer holds paused while its flush is retried (back-pressure; Kafka keeps the backlog)."),

        // K2.Silo/HotWindow/HotWindowMetrics: the symbol grains' hot windows and the silo's bound on them.
        new(SiloMeter, "k2.silo.hot_window.windows", InstrumentKind.Gauge, "{window}", ["kind"], "HotWindowMetrics (silo)", "Symbol hot windows holding records in this silo, by kind (trade, quote)."),
        new(SiloMeter, "k2.silo.hot_window.share", InstrumentKind.Gauge, "{record}", ["kind"], "HotWindowMetrics (silo)", "Flushed records each window may keep now: K2:HotWindow:MaxSiloTrades shared among the windows, at most MaxTrades."),

        // K2.Kafka/Diagnostics/ProducerCounters: every ReliableProducer (feed handler, silo dead letters and gap requests).
        new(KafkaMeter, "k2.kafka.producer.records.delivered", InstrumentKind.Counter, "{record}", ["k2.kafka.client"], "ProducerCounters (feed handler, silo)", "Records acknowledged by the broker."),
        new(KafkaMeter, "k2.kafka.producer.records.failed", InstrumentKind.Counter, "{record}", ["k2.kafka.client"], "ProducerCounters (feed handler, silo)", "Records whose delivery failed."),
        new(KafkaMeter, "k2.kafka.producer.queue_full.waits", InstrumentKind.Counter, "{wait}", ["k2.kafka.client"], "ProducerCounters (feed handler, silo)", "Waits of publishers that found the producer queue full (back-pressure)."),

        // K2.Kafka/Diagnostics/ConsumerLagMetrics: consumers built by KafkaConsumerFactory (the silo's consumer).
        new(KafkaMeter, "k2.kafka.consumer.lag", InstrumentKind.Gauge, "{record}", ["k2.kafka.client", "topic", "partition"], "ConsumerLagMetrics (silo)", "Records not yet committed by the consumer group, per owned partition (librdkafka statistics)."),

        // K2.Ingestion/Binance/Diagnostics/BinanceFeedMetrics: the Binance feed and its gap repair.
        new(IngestionMeter, "k2.binance.messages_received", InstrumentKind.Counter, "{message}", [], "BinanceFeedMetrics (feed handler)", "WebSocket messages received, of any kind."),
        new(IngestionMeter, "k2.binance.trades_published", InstrumentKind.Counter, "{trade}", [], "BinanceFeedMetrics (feed handler)", "Live trades handed to the market-data publisher."),
        new(IngestionMeter, "k2.binance.parse_errors", InstrumentKind.Counter, "{message}", ["code"], "BinanceFeedMetrics (feed handler)", "Messages dead-lettered, by error code."),
        new(IngestionMeter, "k2.binance.reconnects", InstrumentKind.Counter, "{connection}", ["reason"], "BinanceFeedMetrics (feed handler)", "Connections replaced, by reason."),
        new(IngestionMeter, "k2.binance.gap_repair.trades", InstrumentKind.Counter, "{trade}", [], "BinanceFeedMetrics (feed handler)", "Trades republished by gap repair."),
        new(IngestionMeter, "k2.binance.gap_repair.requests", InstrumentKind.Counter, "{request}", ["status"], "BinanceFeedMetrics (feed handler)", "historicalTrades REST calls, by HTTP status."),
        new(IngestionMeter, "k2.binance.breaker_state", InstrumentKind.Gauge, "{state}", [], "BinanceFeedMetrics (feed handler)", "Connection circuit breaker: 0 closed, 1 open, 2 half-open."),

        // K2.Api/Subscriptions/SubscriptionMetrics: live gRPC trade subscriptions of the API.
        new(ApiMeter, "k2.api.subscriptions.active", InstrumentKind.Gauge, "{subscription}", [], "SubscriptionMetrics (API)", "SubscribeTrades streams open in this API process."),
        new(ApiMeter, "k2.api.subscriptions.ended", InstrumentKind.Counter, "{subscription}", ["reason"], "SubscriptionMetrics (API)", "SubscribeTrades streams ended: closed, or the error code (subscriber_too_slow, subscription_gap, unknown_symbol, ...)."),

        // K2.Api/Query/Diagnostics/QueryCacheMetrics: the API's cold-path caches (K2.Lakehouse/Caching, Bars, Reading/Tail).
        new(ApiMeter, "k2.api.query_cache.hits", InstrumentKind.Counter, "{lookup}", ["cache"], "QueryCacheMetrics (API)", "Cache lookups answered from memory, by cache: table_metadata, manifest_lists, manifests, bar_sidecar_presence, sidecar_bars, cold_tail_trades, cold_tail_quotes."),
        new(ApiMeter, "k2.api.query_cache.misses", InstrumentKind.Counter, "{lookup}", ["cache"], "QueryCacheMetrics (API)", "Cache lookups that had to read storage or DuckDB, by cache."),
        new(ApiMeter, "k2.api.query_cache.evictions", InstrumentKind.Counter, "{entry}", ["cache"], "QueryCacheMetrics (API)", "Entries evicted to make room (least recently used first), by cache."),
        new(ApiMeter, "k2.api.query_cache.weight", InstrumentKind.Gauge, null, ["cache"], "QueryCacheMetrics (API)", "What a cache holds now, in its own unit (rows, bars, files or entries)."),
        new(ApiMeter, "k2.api.query_cache.capacity", InstrumentKind.Gauge, null, ["cache"], "QueryCacheMetrics (API)", "A cache's bound, in the unit of k2.api.query_cache.weight."),

        // K2.ServiceDefaults/Telemetry/HealthStatusMetrics: every process.
        new(HealthMeter, HealthStatusMetrics.StatusInstrument, InstrumentKind.Gauge, "{status}", [HealthStatusMetrics.CheckTag], "HealthStatusMetrics (every process)", "Last result of each health check: 0 unhealthy, 1 degraded, 2 healthy."),
    ];

    /// <summary>The meters the service defaults register with OpenTelemetry: exactly those of the catalogue.</summary>
    public static IReadOnlyList<string> MeterNames { get; } = All.Select(instrument => instrument.Meter).Distinct().ToArray();
}
