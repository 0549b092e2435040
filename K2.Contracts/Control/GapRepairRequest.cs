namespace K2.Contracts.Control;

/// <summary>
/// Asks the feed handler of <see cref="Exchange"/> to backfill the trades <c>[FromSequence, ToSequence]</c> of
/// <see cref="Symbol"/> that a symbol grain found missing. The silo emits it on <c>k2.control.gaps</c>; the
/// ingestion process answers by fetching and republishing those trades (Binance: <c>GET /api/v3/historicalTrades</c>).
/// Sequences are the exchange's own (<see cref="Model.Trade.SourceSequence"/>; for Binance, the trade id).
/// </summary>
[GenerateSerializer, Immutable, Alias("k2.control.gap-repair.v1")]
public sealed record GapRepairRequest(
    [property: Id(0)] string Exchange,
    [property: Id(1)] string Symbol,
    [property: Id(2)] long FromSequence,
    [property: Id(3)] long ToSequence)
{
    public long Missing => ToSequence - FromSequence + 1;
}
