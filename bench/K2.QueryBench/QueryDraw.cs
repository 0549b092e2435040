using K2.IngestBench;

namespace K2.QueryBench;

/// <summary>One request's parameters, the same for the API and for DuckDB.</summary>
internal sealed record QueryDraw(QueryKind Kind, IReadOnlyList<string> Symbols, DateTimeOffset From, DateTimeOffset Until)
{
    public const string Exchange = "BINANCE";
    public const int LatestLimit = 100;
    public const int RangeLimit = 10_000;
    public const int CandlesPerDay = 1440;
    public const int MultiSymbolCount = 5;
    public const int MultiSymbolLimit = 100_000;
    public static readonly TimeSpan MultiSymbolWindow = TimeSpan.FromMinutes(10);

    public string Symbol => Symbols[0];
}

/// <summary>
/// Draws requests: symbols with the same Zipf skew as the table's flow (popular symbols are asked about most), times
/// uniformly over the span the table covers. Each worker has its own, seeded by its number, so the API and DuckDB
/// phases issue the same sequence of requests.
/// </summary>
internal sealed class RequestMix(int symbols, int seed, TableFacts facts)
{
    private readonly SkewedFlow _symbols = new(symbols, seed);
    private readonly Random _random = new(seed);

    public QueryDraw Next(QueryKind kind) => kind switch
    {
        QueryKind.Latest100 or QueryKind.AsOfLatest100 => new QueryDraw(kind, [_symbols.NextSymbol()], facts.From, facts.Until),
        QueryKind.MinuteRange => Window(kind, [_symbols.NextSymbol()], TimeSpan.FromMinutes(1)),
        QueryKind.DayOhlcv => Day(),
        QueryKind.MultiSymbol => Window(kind, DistinctSymbols(QueryDraw.MultiSymbolCount), QueryDraw.MultiSymbolWindow),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private QueryDraw Window(QueryKind kind, IReadOnlyList<string> symbols, TimeSpan width)
    {
        // Whole seconds, as a person or a dashboard would ask.
        var seconds = (long)(facts.Until - facts.From - width).TotalSeconds;
        var from = facts.From.AddSeconds(_random.NextInt64(Math.Max(1, seconds)));
        return new QueryDraw(kind, symbols, from, from + width);
    }

    private QueryDraw Day()
    {
        var days = Math.Max(1, (int)((facts.Until - facts.From).Ticks / TimeSpan.TicksPerDay));
        var from = facts.From.AddDays(_random.Next(days));
        return new QueryDraw(QueryKind.DayOhlcv, [_symbols.NextSymbol()], from, from.AddDays(1));
    }

    private List<string> DistinctSymbols(int count)
    {
        var drawn = new List<string>(count);
        while (drawn.Count < count)
        {
            var symbol = _symbols.NextSymbol();
            if (!drawn.Contains(symbol))
            {
                drawn.Add(symbol);
            }
        }

        return drawn;
    }
}
