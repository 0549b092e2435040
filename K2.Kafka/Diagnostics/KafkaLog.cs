using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace K2.Kafka.Diagnostics;

/// <summary>K2.Kafka's log messages, source-generated so the hot paths do not box or format when disabled.</summary>
internal static partial class KafkaLog
{
    /// <summary>Routes librdkafka's own log lines (connection loss, retries) into the host's logging.</summary>
    public static void Librdkafka(ILogger logger, LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
            SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LibrdkafkaMessage(logger, level, message.Name, message.Facility, message.Message);
    }

    [LoggerMessage(EventId = 1, Message = "librdkafka {Client} [{Facility}] {Text}")]
    private static partial void LibrdkafkaMessage(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Kafka client {Client} error (librdkafka retries): {Reason}")]
    public static partial void ClientError(ILogger logger, string client, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical,
        Message = "Kafka client {Client} fatal error; the client cannot continue: {Reason}")]
    public static partial void FatalError(ILogger logger, string client, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error,
        Message = "Kafka producer {Client} could not deliver a record to {TopicPartition}: {Reason}. Publishing stopped; the next publish or flush throws.")]
    public static partial void DeliveryFailed(ILogger logger, string client, string topicPartition, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Kafka producer {Client} queue is full ({MaxMessages} records / {MaxKbytes} KiB): publishers wait for the broker ({Waits} waits so far)")]
    public static partial void QueueFull(ILogger logger, string client, int maxMessages, int maxKbytes, long waits);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error,
        Message = "Kafka producer {Client} closed with {InFlight} record(s) not acknowledged within {TimeoutMs} ms")]
    public static partial void CloseTimedOut(ILogger logger, string client, long inFlight, int timeoutMs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error,
        Message = "Kafka producer {Client} closed after a delivery failure: {Reason}")]
    public static partial void ClosedFaulted(ILogger logger, string client, string reason);
}
