using K2.Contracts.Grains;
using K2.Testing;

namespace K2.Silo.Tests.Grains;

/// <summary>Binance trade batches as the consumer hands them to a symbol grain from one Kafka log.</summary>
internal static class LogBatches
{
    public const string Topic = "market.crypto.trades.binance";

    /// <summary>The Kafka log (cluster) the batches are read from.</summary>
    public const string Log = "log-a";

    /// <summary>
    /// The trades at their offsets of <paramref name="partition"/>, read in a run that started at
    /// <paramref name="runStart"/>, following the batch that ended at <paramref name="previous"/> (null: the run's first).
    /// </summary>
    public static TradeBatch FromLog(string symbol, int partition, long runStart, long? previous, params (long TradeId, long Offset)[] trades) =>
        TradeBatch.FromLog(
            Topic,
            [.. trades.Select(t => Trades.Binance(t.TradeId, symbol: symbol))],
            [.. trades.Select(t => new TradePosition(partition, t.Offset))]) with
        {
            LogCluster = Log,
            RunStartOffset = runStart,
            PreviousOffset = previous,
        };
}
