using K2.Contracts.Model;
using K2.Lakehouse.Tables;

namespace K2.Api.Query.Export;

/// <summary>The kinds of value an exported column holds; each format maps them to its own exact type.</summary>
public enum ExportKind
{
    Text,

    /// <summary>An exact DECIMAL(18,8).</summary>
    Exact,

    /// <summary>A UTC instant with microseconds.</summary>
    Instant,

    /// <summary>An optional 64-bit sequence number.</summary>
    Sequence,
}

/// <summary>One field a client may select for export, with how to read it from a trade.</summary>
public sealed record ExportColumn(string Name, ExportKind Kind, Func<Trade, object?> Value)
{
    /// <summary>
    /// The export whitelist: the scalar trade fields. Lists and maps (<c>tradeConditions</c>, <c>vendorData</c>) are
    /// left out because CSV has no faithful form for them; GET /v1/trades returns them.
    /// </summary>
    public static IReadOnlyList<ExportColumn> All { get; } =
    [
        new("tradeId", ExportKind.Text, t => t.TradeId),
        new("messageId", ExportKind.Text, t => t.MessageId.ToString()),
        new("exchange", ExportKind.Text, t => t.Exchange),
        new("symbol", ExportKind.Text, t => t.Symbol),
        new("assetClass", ExportKind.Text, t => MarketCodes.Code(t.AssetClass)),
        new("timestamp", ExportKind.Instant, t => t.Timestamp),
        new("price", ExportKind.Exact, t => t.Price),
        new("quantity", ExportKind.Exact, t => t.Quantity),
        new("currency", ExportKind.Text, t => t.Currency),
        new("side", ExportKind.Text, t => MarketCodes.Code(t.Side)),
        new("sourceSequence", ExportKind.Sequence, t => t.SourceSequence),
        new("platformSequence", ExportKind.Sequence, t => t.PlatformSequence),
        new("ingestionTimestamp", ExportKind.Instant, t => t.IngestionTimestamp),
    ];

    private static readonly Dictionary<string, ExportColumn> ByName = All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <remarks>A JSON body can hold <c>null</c> in any list whatever the annotations say; it names no column.</remarks>
    public static bool TryGet(string? name, out ExportColumn column)
    {
        column = null!;
        return name is not null && ByName.TryGetValue(name, out column!);
    }
}
