namespace K2.ChaosTests.Faults;

/// <summary>The faults the chaos scenarios inject, as they appear in the report.</summary>
public static class FaultKind
{
    public const string SiloKillRandom = "silo-sigkill-one-random-point";
    public const string SiloKillOnCommit = "silo-sigkill-one-right-after-iceberg-commit";
    public const string SiloKillBoth = "silo-sigkill-both";
    public const string PostgresDown = "postgres-stopped";
    public const string KafkaDown = "kafka-broker-down";
    public const string WarehouseUnwritable = "warehouse-unwritable";
    public const string ConcurrentMaintenance = "concurrent-compaction-and-expiry";
    public const string FeedConnectionDropped = "binance-connection-dropped";
    public const string FeedStale = "binance-stream-stale";
    public const string FeedMalformedFrame = "binance-malformed-frame";
    public const string FeedOversizedFrame = "binance-oversized-frame";
    public const string FeedSkippedIds = "binance-trade-ids-skipped";
    public const string FeedKill = "feed-handler-sigkill";
}
