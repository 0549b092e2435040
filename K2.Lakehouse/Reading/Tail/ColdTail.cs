using K2.Lakehouse.Caching;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Scanning;

namespace K2.Lakehouse.Reading.Tail;

/// <summary>
/// The newest rows of recently read symbols of one table, each as of a snapshot, advanced to a newer snapshot by
/// reading only the files the appends in between added for the symbol (<see cref="SnapshotDelta"/>), rebuilt from
/// the table when the delta is anything but appends. LRU over symbols, bounded in rows.
/// </summary>
internal sealed class ColdTail<T>(
    ScanPlanner planner,
    int rowsPerSymbol,
    long maxRows,
    int maxSnapshotsToAdvance,
    Func<ScanPlan, HistoryWindow, CancellationToken, Task<IReadOnlyList<T>>> read,
    Func<T, HistoryKey> keyOf,
    Func<T, long?> sequenceOf)
{
    private readonly BoundedCache<TailKey, SymbolTail<T>> _tails = new(maxRows);
    private long _served, _advanced, _built;

    /// <summary>What the cache did so far, and what it holds now.</summary>
    public ColdTailStats Stats => new(Interlocked.Read(ref _served), Interlocked.Read(ref _advanced), Interlocked.Read(ref _built), _tails.Count, _tails.Weight);

    /// <summary>The tails' lookups and evictions (weight in rows).</summary>
    public CacheStatistics CacheStatistics => _tails.Statistics;

    /// <summary>
    /// The rows of <paramref name="window"/> in <paramref name="snapshot"/> of <paramref name="table"/>, or null when
    /// the cache cannot serve it (then the caller reads the table as usual). Only newest-first pages without a time
    /// range or price/quantity bounds, of at most the rows kept per symbol, are served.
    /// </summary>
    public async Task<IReadOnlyList<T>?> TryReadAsync(TableMetadata table, Snapshot snapshot, HistoryWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(window);
        if (rowsPerSymbol == 0 || !Serves(window))
        {
            return null;
        }

        var key = new TailKey(table.TableUuid, window.Exchange, window.Symbol);
        var cached = _tails.TryGet(key, out var tail) ? tail : null;
        if (cached is not null && cached.SnapshotId == snapshot.SnapshotId && cached.SchemaId == table.CurrentSchemaId)
        {
            return Served(cached.Page(window, keyOf, sequenceOf));
        }

        if (snapshot.SnapshotId != table.CurrentSnapshotId || (cached is not null && cached.SequenceNumber > snapshot.SequenceNumber))
        {
            return null; // time travel to a snapshot not cached, or a request that loaded an older table state
        }

        SymbolTail<T> updated;
        if (cached is not null && cached.SchemaId == table.CurrentSchemaId && SnapshotDelta.AppendsSince(table, cached.SnapshotId, cached.SequenceNumber, snapshot, maxSnapshotsToAdvance) is { } appends)
        {
            updated = await AdvanceAsync(table, cached, snapshot, appends, window, cancellationToken);
            Interlocked.Increment(ref _advanced);
        }
        else
        {
            updated = await BuildAsync(table, snapshot, window, cancellationToken);
            Interlocked.Increment(ref _built);
        }

        _tails.Set(key, updated, Math.Max(1, updated.Rows.Count));
        return Served(updated.Page(window, keyOf, sequenceOf));
    }

    private List<T>? Served(List<T>? page)
    {
        if (page is not null)
        {
            Interlocked.Increment(ref _served);
        }

        return page;
    }

    private bool Serves(HistoryWindow window) =>
        window.Descending && window.Limit <= rowsPerSymbol
        && window is { From: null, Until: null, MinPrice: null, MaxPrice: null, MinQuantity: null, MaxQuantity: null };

    private async Task<SymbolTail<T>> BuildAsync(TableMetadata table, Snapshot snapshot, HistoryWindow window, CancellationToken cancellationToken)
    {
        var plan = await planner.PlanAsync(table, SnapshotSelection.ById(snapshot.SnapshotId), SymbolFilter(window), cancellationToken);
        var rows = await read(plan, TailWindow(window), cancellationToken);
        return new SymbolTail<T>(snapshot.SnapshotId, snapshot.SequenceNumber, table.CurrentSchemaId, rows, Complete: rows.Count < rowsPerSymbol);
    }

    private async Task<SymbolTail<T>> AdvanceAsync(
        TableMetadata table, SymbolTail<T> cached, Snapshot snapshot, IReadOnlyList<Snapshot> appends, HistoryWindow window, CancellationToken cancellationToken)
    {
        var filter = SymbolFilter(window);
        var added = new List<Iceberg.Manifests.DataFile>();
        foreach (var append in appends)
        {
            added.AddRange((await planner.PlanAddedAsync(table, append, filter, cancellationToken)).Files);
        }

        if (added.Count == 0)
        {
            return cached with { SnapshotId = snapshot.SnapshotId, SequenceNumber = snapshot.SequenceNumber };
        }

        // The appended rows are disjoint from the cached ones (other files, each row committed once), so the newest
        // rows of the new state are the newest of both lists together; nothing is deduplicated, as the table read
        // would not deduplicate either.
        var fresh = await read(new ScanPlan(snapshot, added, new ScanMetrics(0, 0, added.Count, 0, 0)), TailWindow(window), cancellationToken);
        var merged = cached.Rows.Concat(fresh).OrderByDescending(keyOf).ToList();
        var complete = cached.Complete && fresh.Count < rowsPerSymbol && merged.Count <= rowsPerSymbol;
        return new SymbolTail<T>(snapshot.SnapshotId, snapshot.SequenceNumber, table.CurrentSchemaId, [.. merged.Take(rowsPerSymbol)], complete);
    }

    private static ScanFilter SymbolFilter(HistoryWindow window) =>
        MarketDataHistoryReader.PlanFilter(new HistoryWindow { Exchange = window.Exchange, Symbol = window.Symbol, Limit = 1 });

    private HistoryWindow TailWindow(HistoryWindow window) =>
        new() { Exchange = window.Exchange, Symbol = window.Symbol, Descending = true, Limit = rowsPerSymbol };

    private readonly record struct TailKey(Guid TableUuid, string Exchange, string Symbol);
}
