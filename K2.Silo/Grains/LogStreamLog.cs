using K2.Contracts.Grains;

namespace K2.Silo.Grains;

/// <summary>The log messages of a symbol grain's logs (<see cref="LogStream{TState, TRecord, TSlot}"/>), in the grain's category.</summary>
internal static partial class LogStreamLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Symbol}: {Kind} state could not be persisted; deactivating")]
    public static partial void PersistFailed(ILogger logger, Exception exception, SymbolKey symbol, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol}: {Kind} batch refused, consumer must resynchronise: {Reason}")]
    public static partial void Resync(ILogger logger, SymbolKey symbol, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol}: {Kind} flush checkpoint refused, consumer must resynchronise: {Reason}")]
    public static partial void PrepareRefused(ILogger logger, SymbolKey symbol, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol}: replay of {Partition}; rolled back from offset {Applied} to the checkpoint at {Checkpoint}")]
    public static partial void RolledBack(ILogger logger, SymbolKey symbol, string partition, long applied, long checkpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Symbol}: {State} was stored against message-id ring base {Expected} in row {Row}, which holds {Found}; the ring is rebuilt from the ids added since that base only, so redeliveries of older ids are recognised by sequence, not by message id")]
    public static partial void RingBaseLost(ILogger logger, SymbolKey symbol, string state, Guid expected, string row, Guid found);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Symbol}: replay of {Partition} from {RunStart} but the grain applied up to {Applied} and has no checkpoint there; redelivered records are skipped, not reclassified")]
    public static partial void NoCheckpoint(ILogger logger, SymbolKey symbol, string partition, long runStart, long applied);
}
