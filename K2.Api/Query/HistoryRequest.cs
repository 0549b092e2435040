using K2.Contracts.Grains;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;

namespace K2.Api.Query;

/// <summary>
/// A validated history request for one symbol. <see cref="TimeTravel"/> null means "now": the current snapshot
/// merged with the grain's hot trades; otherwise the selected snapshot alone (hot data is never historical).
/// </summary>
public sealed record HistoryRequest(
    SymbolKey Symbol,
    DateTimeOffset? From,
    DateTimeOffset? Until,
    int Limit,
    bool Descending,
    HistoryKey? After,
    SnapshotSelection? TimeTravel)
{
    /// <summary>Inclusive price and quantity bounds (null: open).</summary>
    public decimal? MinPrice { get; init; }

    public decimal? MaxPrice { get; init; }

    public decimal? MinQuantity { get; init; }

    public decimal? MaxQuantity { get; init; }

    /// <summary>The cold window: one row more than the page, so the page knows whether more follow.</summary>
    public HistoryWindow ColdWindow(ColdSeam? seam) => new()
    {
        Exchange = Symbol.Exchange,
        Symbol = Symbol.Symbol,
        From = From,
        Until = Until,
        After = After,
        Descending = Descending,
        Limit = Limit + 1,
        MinPrice = MinPrice,
        MaxPrice = MaxPrice,
        MinQuantity = MinQuantity,
        MaxQuantity = MaxQuantity,
        Seam = seam,
    };
}
