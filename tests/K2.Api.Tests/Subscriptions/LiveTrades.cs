using Grpc.Core;
using K2.Api.Grpc.V1;
using K2.Contracts.Grains;
using K2.Testing;

namespace K2.Api.Tests.Subscriptions;

/// <summary>Feeds a symbol grain the way the consumer does (one call per batch) and reads subscription streams.</summary>
internal static class LiveTrades
{
    /// <summary>
    /// Binance trades <paramref name="firstId"/>.. in batches of <paramref name="batchSize"/>, straight to the grain.
    /// Ids start at 1 and every trade is new and in order, so the grain accepts trade id N as platform sequence N.
    /// </summary>
    public static async Task IngestAsync(IClusterClient client, string symbol, long firstId, int count, int batchSize)
    {
        var grain = client.GetGrain<ISymbolGrain>($"BINANCE/{symbol}");
        for (var offset = 0; offset < count; offset += batchSize)
        {
            var size = Math.Min(batchSize, count - offset);
            var batch = Enumerable.Range(0, size).Select(i => Trades.Binance(firstId + offset + i, symbol: symbol)).ToList();
            var result = await grain.IngestAsync(new TradeBatch(batch));
            Assert.Equal(size, result.Accepted);
        }
    }

    public static SubscribeTradesRequest Request(int? backfill, params string[] symbols)
    {
        var request = new SubscribeTradesRequest();
        request.Symbols.AddRange(symbols);
        if (backfill is { } trades)
        {
            request.Backfill = trades;
        }

        return request;
    }

    /// <summary>The next message, failing (not hanging) if none comes within the generous timeout.</summary>
    public static async Task<TradeUpdate> NextAsync(IAsyncStreamReader<TradeUpdate> stream)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Generous);
        Assert.True(await stream.MoveNext(timeout.Token), "the subscription ended early");
        return stream.Current;
    }

    /// <summary>Messages until one brings the symbol through <paramref name="sequence"/>.</summary>
    public static async Task<List<TradeUpdate>> ReadThroughAsync(IAsyncStreamReader<TradeUpdate> stream, long sequence)
    {
        var updates = new List<TradeUpdate>();
        while (updates.Count == 0 || updates[^1].ThroughSequence < sequence)
        {
            updates.Add(await NextAsync(stream));
        }

        return updates;
    }
}
