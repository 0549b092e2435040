using K2.Contracts.Grains;

namespace K2.Silo.Grains;

/// <summary>
/// The grain a <see cref="LogStream{TState, TRecord, TSlot}"/> belongs to. An interface the grain implements rather than two
/// delegates per log: an idle symbol grain should not carry a closure and a delegate object per log for two calls.
/// </summary>
internal interface ILogStreamOwner<in TState> : IMessageIdRingBaseRows
{
    /// <summary>The symbol the log belongs to (for its log messages).</summary>
    SymbolKey Key { get; }

    /// <summary>Builds the log's classifier over a (new or restored) live state.</summary>
    void Attach(TState live);

    /// <summary>Drops the grain's activation: memory ran ahead of storage.</summary>
    void DeactivateOnIdle();
}
