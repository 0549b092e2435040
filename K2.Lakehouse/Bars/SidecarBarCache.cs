using System.Data.Common;
using DuckDB.NET.Data;
using K2.Lakehouse.Caching;
using K2.Lakehouse.Reading;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Bars;

/// <summary>
/// Decoded minute bars of one symbol per bar sidecar, kept in memory so a candle request aggregates them in C#
/// instead of querying the sidecars again. A sidecar is a pure function of an immutable data file under a unique
/// path, so an entry never goes stale; the cache is only bounded (least recently used first out) by
/// <see cref="ScanCacheOptions.MaxCachedBars"/>. The sidecars a request misses are decoded in one DuckDB query, and a
/// sidecar without bars of the symbol is kept as an empty list so it is not read again either.
/// </summary>
public sealed class SidecarBarCache(IOptions<ScanCacheOptions> options) : ICacheStatisticsSource
{
    private readonly BoundedCache<(string Sidecar, string Exchange, string Symbol), IReadOnlyList<SidecarBar>> _bars = new(options.Value.MaxCachedBars);

    /// <summary>(sidecar, symbol) entries answered from memory since start.</summary>
    public long Hits => _bars.Statistics.Hits;

    /// <summary>(sidecar, symbol) entries that had to be decoded from the sidecar since start.</summary>
    public long Misses => _bars.Statistics.Misses;

    /// <summary>Bars held now (plus one per entry, so empty entries count too).</summary>
    public long Weight => _bars.Weight;

    public IEnumerable<NamedCacheStatistics> ReadCacheStatistics() => [new("sidecar_bars", _bars.Statistics)];

    /// <summary>The bars of the symbol in each of <paramref name="sidecars"/> (paths as DuckDB opens them).</summary>
    internal async Task<IReadOnlyList<SidecarBar>> BarsAsync(DuckDBConnection connection, IReadOnlyList<string> sidecars, string exchange, string symbol, CancellationToken cancellationToken)
    {
        var bars = new List<SidecarBar>();
        var missing = new List<string>();
        foreach (var sidecar in sidecars)
        {
            if (_bars.TryGet((sidecar, exchange, symbol), out var cached))
            {
                bars.AddRange(cached);
            }
            else
            {
                missing.Add(sidecar);
            }
        }

        if (missing.Count == 0)
        {
            return bars;
        }

        var loaded = missing.ToDictionary(s => s, _ => new List<SidecarBar>(), StringComparer.Ordinal);
        await using (var command = SidecarBarSql.Bars(connection, missing, exchange, symbol))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var file = reader.GetString(0);
                if (!loaded.TryGetValue(file, out var ofFile))
                {
                    // Caching under a key DuckDB did not echo would cache the real file as empty: fail instead.
                    throw new InvalidOperationException($"DuckDB named a sidecar '{file}' that was not asked for.");
                }

                ofFile.Add(Read(reader));
            }
        }

        foreach (var (sidecar, ofFile) in loaded)
        {
            _bars.Set((sidecar, exchange, symbol), ofFile, ofFile.Count + 1);
            bars.AddRange(ofFile);
        }

        return bars;
    }

    private static SidecarBar Read(DbDataReader row) => new(
        row.GetInt64(1),
        row.GetDecimal(2),
        new HistoryKey(row.GetInt64(3), row.GetInt64(4), row.GetString(5)),
        row.GetDecimal(6),
        row.GetDecimal(7),
        row.GetDecimal(8),
        new HistoryKey(row.GetInt64(9), row.GetInt64(10), row.GetString(11)),
        row.GetDecimal(12),
        row.GetDecimal(13),
        row.GetInt64(14),
        row.GetInt64(15));
}

/// <summary>One decoded minute bar of a sidecar (<see cref="MinuteBar"/> without exchange and symbol, which the cache key holds).</summary>
internal sealed record SidecarBar(
    long MinuteStartMicros,
    decimal Open,
    HistoryKey OpenKey,
    decimal High,
    decimal Low,
    decimal Close,
    HistoryKey CloseKey,
    decimal Volume,
    decimal Notional,
    long TradeCount,
    long MaxSequence);
