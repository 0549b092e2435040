using K2.Ingestion.Binance.GapRepair;

namespace K2.Ingestion.Binance.Diagnostics;

/// <summary>Structured log events of REST gap repair.</summary>
internal static partial class BinanceGapRepairLog
{
    [LoggerMessage(1100, LogLevel.Information, "Repairing {Symbol} trades {FromId}..{ToId} from historicalTrades")]
    public static partial void RepairStarting(this ILogger logger, string symbol, long fromId, long toId);

    [LoggerMessage(1101, LogLevel.Debug, "historicalTrades {Symbol} from {FromId}: {Count} trades")]
    public static partial void PageFetched(this ILogger logger, string symbol, long fromId, int count);

    [LoggerMessage(1102, LogLevel.Warning, "historicalTrades answered {Status}; waiting {Wait} as Binance asks")]
    public static partial void Throttled(this ILogger logger, int status, TimeSpan wait);

    [LoggerMessage(1103, LogLevel.Warning, "historicalTrades attempt failed ({Problem}); retrying in {Wait}")]
    public static partial void AttemptFailed(this ILogger logger, string problem, TimeSpan wait);

    [LoggerMessage(1104, LogLevel.Information, "Repair of {Symbol} {FromId}..{ToId} {Outcome}: {Published} trades republished in {Requests} requests")]
    public static partial void RepairFinished(this ILogger logger, string symbol, long fromId, long toId, GapRepairOutcome outcome, int published, int requests);

    [LoggerMessage(1105, LogLevel.Warning, "Repair of {Symbol} {FromId}..{ToId} {Outcome} after {Published} trades: {Problem}")]
    public static partial void RepairFellShort(this ILogger logger, string symbol, long fromId, long toId, GapRepairOutcome outcome, int published, string problem);
}
