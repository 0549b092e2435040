namespace K2.Lakehouse.Scanning;

/// <summary>
/// Row predicates of a market-data scan, all optional and combined with AND: one exchange, a set of symbols, and a
/// half-open time range [<see cref="From"/>, <see cref="Until"/>) on the exchange timestamp.
/// </summary>
public sealed record ScanFilter
{
    public static ScanFilter All { get; } = new();

    public string? Exchange { get; init; }

    public IReadOnlySet<string>? Symbols { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? Until { get; init; }
}
