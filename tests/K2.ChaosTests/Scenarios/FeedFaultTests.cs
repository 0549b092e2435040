using K2.ChaosTests.Feed;
using K2.ChaosTests.Harness;
using Xunit.Abstractions;

namespace K2.ChaosTests.Scenarios;

/// <summary>
/// The Binance feed handler under faults while its market trades at a steady rate: connections dropped, streams gone
/// stale, malformed and oversized frames, skipped trade ids, the feed handler process SIGKILLed. Every trade id the
/// market made must be in the table exactly once (the missed ones by gap repair over REST), every bad frame a dead letter.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class FeedFaultTests(ChaosEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task Feed_handler_faults_lose_and_double_nothing_and_dead_letter_every_bad_frame()
    {
        var result = await FeedChaosRun.ExecuteAsync(environment, "feed-handler", 6, output);

        ChaosRun.AssertNothingLostOrDoubled(result);
        FeedChaosRun.AssertFeedFaultsHandled(result);
    }
}
