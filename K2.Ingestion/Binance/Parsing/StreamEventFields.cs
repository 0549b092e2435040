namespace K2.Ingestion.Binance.Parsing;

/// <summary>What the parser has read so far of one stream event (<c>data</c> of a combined frame, or a raw event).</summary>
internal struct StreamEventFields
{
    public StreamEventType Event;
    public string? OtherEvent;
    public Seen Present;
    public long EventTime;
    public BinanceSymbol? Symbol;
    public long TradeId;
    public decimal Price;
    public decimal Quantity;
    public long TradeTime;
    public bool BuyerIsMaker;
    public bool BestMatch;

    /// <summary>Every trade field Binance documents except <c>M</c>, which it calls "ignore" and may drop.</summary>
    private const Seen RequiredForTrade =
        Seen.EventType | Seen.EventTime | Seen.Symbol | Seen.TradeId | Seen.Price | Seen.Quantity | Seen.TradeTime | Seen.BuyerIsMaker;

    /// <summary>The wire name of the first required trade field not present, or null when all are.</summary>
    public readonly string? FirstMissingTradeField()
    {
        var missing = RequiredForTrade & ~Present;
        return missing == 0 ? null : WireName(LowestFlag(missing));
    }

    public static string WireName(Seen field) => field switch
    {
        Seen.EventType => "e",
        Seen.EventTime => "E",
        Seen.Symbol => "s",
        Seen.TradeId => "t",
        Seen.Price => "p",
        Seen.Quantity => "q",
        Seen.TradeTime => "T",
        Seen.BuyerIsMaker => "m",
        Seen.BestMatch => "M",
        _ => field.ToString(),
    };

    private static Seen LowestFlag(Seen flags) => (Seen)((int)flags & -(int)flags);

    [Flags]
    public enum Seen
    {
        None = 0,
        EventType = 1 << 0,
        EventTime = 1 << 1,
        Symbol = 1 << 2,
        TradeId = 1 << 3,
        Price = 1 << 4,
        Quantity = 1 << 5,
        TradeTime = 1 << 6,
        BuyerIsMaker = 1 << 7,
        BestMatch = 1 << 8,
    }
}

internal enum StreamEventType
{
    None,
    Trade,
    ServerShutdown,
    Other,
}
