namespace K2.Contracts.Grains;

/// <summary>
/// A grain's answer to <see cref="ISymbolGrain.CutFlushAsync"/> and <see cref="ISymbolGrain.PersistFlushAsync"/>: its
/// checkpoint is cut (or persisted), or why not.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FlushPreparation([property: Id(0)] string? RefusedReason)
{
    public static readonly FlushPreparation Prepared = new(RefusedReason: null);

    public bool IsPrepared => RefusedReason is null;

    /// <summary>The grain does not hold what the consumer sent it: the flush must not commit, the consumer re-reads.</summary>
    public static FlushPreparation Refused(string reason) => new(reason);
}
