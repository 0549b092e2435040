using K2.Contracts.Grains;
using K2.Lakehouse.Scanning;

namespace K2.Api.Query.Export;

/// <summary>A validated multi-symbol trade query: symbols in the order given, oldest trade first within each.</summary>
public sealed record TradeQuery(
    IReadOnlyList<SymbolKey> Symbols,
    DateTimeOffset? From,
    DateTimeOffset? Until,
    IReadOnlyList<ExportColumn> Columns,
    decimal? MinPrice,
    decimal? MaxPrice,
    decimal? MinQuantity,
    decimal? MaxQuantity,
    ExportFormat Format,
    int Limit,
    SnapshotSelection? TimeTravel);
