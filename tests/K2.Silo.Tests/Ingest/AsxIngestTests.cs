using K2.Kafka.Topics;
using K2.Testing;

namespace K2.Silo.Tests.Ingest;

public sealed class AsxIngestTests
{
    [Fact]
    public async Task Unsequenced_asx_trades_get_platform_sequences_in_log_order_and_a_replay_is_a_duplicate()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await using (var publisher = env.CreatePublisher())
        {
            foreach (var row in Enumerable.Range(1, 25))
            {
                await publisher.PublishTradeAsync(Trades.Asx(row, "DVN"), CancellationToken.None);
            }

            foreach (var row in Enumerable.Range(1, 10))
            {
                await publisher.PublishTradeAsync(Trades.Asx(row, "BHP"), CancellationToken.None);
            }

            // A feed replay of an old row: same message id, so the grain drops it.
            await publisher.PublishTradeAsync(Trades.Asx(3, "DVN"), CancellationToken.None);
            await publisher.FlushAsync(CancellationToken.None);
        }

        await using var cluster = await env.StartClusterAsync(maxBatchMessages: 7);
        await env.WaitUntilDrainedAsync();

        var dvn = IngestEnvironment.Grain(cluster, "ASX", "DVN");
        var summary = await dvn.GetIntegrityAsync();
        Assert.Equal((25L, 1L, 25L, 0L), (summary.Accepted, summary.DuplicatesByMessageId, summary.LastPlatformSequence, summary.GapsDetected));
        var recent = await dvn.GetRecentTradesAsync(100);
        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(row => (long?)row), recent.Select(trade => trade.PlatformSequence));
        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(row => $"ASX-DVN-{row}"), recent.Select(trade => trade.TradeId));
        Assert.Equal(10L, (await IngestEnvironment.Grain(cluster, "ASX", "BHP").GetIntegrityAsync()).Accepted);

        // No repairer exists for ASX, and nothing was wrong with the input.
        Assert.Empty(env.GapRequests());
        Assert.Empty(await env.DeadLettersAsync());
        Assert.Equal(36, env.ReadAll(KafkaTopics.AsxTrades).Count);
    }
}
