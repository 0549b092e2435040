using Confluent.Kafka;
using K2.Contracts.Grains;

namespace K2.Silo.Ingest;

/// <summary>The consumer's structured log messages.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "ConnectionStrings:kafka is not set: the silo runs without its Kafka consumer and ingests nothing from Kafka")]
    public static partial void ConsumerDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka consumer of group {GroupId} started on {Topics}")]
    public static partial void Started(ILogger logger, string groupId, IReadOnlyList<string> topics);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions assigned: {Partitions}")]
    public static partial void Assigned(ILogger logger, IEnumerable<TopicPartition> partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions revoked ({Kind}): {Partitions}; {Dropped} uncommitted record(s) of them dropped from the batch")]
    public static partial void Revoked(ILogger logger, string kind, IEnumerable<TopicPartitionOffset> partitions, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch of {Records} record(s) failed (attempt {Attempt}); retrying in {Delay} without committing")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int records, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka offsets {Offsets} could not be committed; harmless: consumption resumes from the lakehouse's offsets, which are committed")]
    public static partial void CommitFailed(ILogger logger, Exception exception, IEnumerable<TopicPartitionOffset> offsets);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {Offsets}")]
    public static partial void Committed(ILogger logger, IEnumerable<TopicPartitionOffset> offsets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Position}: dead-lettered at stage {Stage}: {Error}")]
    public static partial void DeadLettered(ILogger logger, string position, string stage, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol}: gap repair requested for {From}..{To}")]
    public static partial void GapRequested(ILogger logger, SymbolKey symbol, long from, long to);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka consumer client error: {Reason} (fatal: {Fatal})")]
    public static partial void ClientError(ILogger logger, string reason, bool fatal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-reading {Partitions} from the lakehouse's offsets: {Reason}")]
    public static partial void Rewinding(ILogger logger, IEnumerable<TopicPartitionOffset> partitions, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flush of {Trades} trade(s) failed (attempt {Attempt}); partitions paused, retrying in {Delay}")]
    public static partial void FlushFailed(ILogger logger, Exception exception, int trades, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flush not committed, re-reading from the table: {Reason}")]
    public static partial void FlushFenced(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lakehouse's offsets could not be read at assignment; starting from Kafka's committed offsets and re-reading from the table once it answers")]
    public static partial void TableOffsetsUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the Kafka log's identity or the lakehouse's offsets failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void StepFailed(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming Kafka log {LogCluster}")]
    public static partial void LogIdentified(ILogger logger, string logCluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka consumer stopped")]
    public static partial void Stopped(ILogger logger);
}
