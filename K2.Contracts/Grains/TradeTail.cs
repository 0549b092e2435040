using K2.Contracts.Model;

namespace K2.Contracts.Grains;

/// <summary>
/// The newest end of a symbol grain's window, read in one grain turn: the trades above a platform sequence and the
/// grain's last platform sequence at that instant. Platform sequences are contiguous (every accepted trade takes the
/// next one), so a reader knows exactly which sequences it holds and which it is missing.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TradeTail
{
    /// <summary>The highest platform sequence the grain has assigned; 0 before its first accepted trade.</summary>
    [Id(0)] public long LastPlatformSequence { get; init; }

    /// <summary>
    /// The newest trades above the requested sequence still in the window, oldest first, at most the requested
    /// number; the last one's sequence is <see cref="LastPlatformSequence"/> whenever the list is not empty.
    /// </summary>
    [Id(1)] public IReadOnlyList<Trade> Trades { get; init; } = [];
}
