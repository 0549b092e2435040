namespace K2.Api.Query.Export;

/// <summary>
/// The body of <c>POST /v1/trades/query</c>, as sent. Decimal bounds are strings so they arrive exact; everything is
/// validated by <see cref="TradeQueryParser"/>.
/// </summary>
public sealed class TradeQueryBody
{
    /// <summary><c>EXCHANGE/SYMBOL</c> keys, e.g. <c>ASX/BHP</c>.</summary>
    public IReadOnlyList<string>? Symbols { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    /// <summary>Fields to return, from the whitelist (see <see cref="ExportColumn.All"/>); all of them when absent.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    public string? MinPrice { get; init; }

    public string? MaxPrice { get; init; }

    public string? MinQuantity { get; init; }

    public string? MaxQuantity { get; init; }

    /// <summary><c>json</c> (default), <c>csv</c>, <c>parquet</c> or <c>arrow</c> (Arrow IPC stream).</summary>
    public string? Format { get; init; }

    /// <summary>Row cap for the whole answer; at most <see cref="QueryOptions.MaxExportRows"/>.</summary>
    public int? Limit { get; init; }

    public string? AsOfSnapshot { get; init; }

    public string? AsOf { get; init; }
}
