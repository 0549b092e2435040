namespace K2.Contracts.Model;

/// <summary>
/// What every record of a symbol's log has in common (<see cref="Trade"/>, <see cref="Quote"/>): the parts the symbol
/// grain, its hot window, the flush and the hot/cold seam need, so each of them is written once for every record kind.
/// </summary>
public interface IMarketDataRecord
{
    Guid MessageId { get; }

    string Symbol { get; }

    string Exchange { get; }

    DateTimeOffset Timestamp { get; }

    /// <summary>Assigned by the symbol grain, per record kind, in arrival order.</summary>
    long? PlatformSequence { get; }
}
