using System.Diagnostics.Metrics;
using K2.Contracts.Grains;
using K2.Kafka.Publishing;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Silo.Ingest;
using K2.Silo.Persistence;
using K2.Silo.Tests.Flush;
using K2.Testing;
using K2.Testing.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Ingest;

/// <summary>
/// Ingest is not held up by a flush: once the consumer has cut the grains' checkpoints, a flush whose checkpoint write
/// is stuck (one grain's PostgreSQL write held open) does not stop new trades reaching the grains — the other ones and
/// the stuck one itself — and those trades belong to the next flush: the stuck flush commits exactly the trades it
/// cut, and every trade is in the table once. The flush's data files are written while its checkpoints are persisted;
/// when a persist fails or is refused, those files are deleted and never committed.
/// </summary>
public sealed class FlushOverlapTests
{
    private const string Held = "HOLDUSDT";
    private const string Flowing = "FLOWUSDT";

    // A flush is due at this many buffered trades, and not by age during the test.
    private const int FlushTrades = 100;

    [Fact]
    public async Task Trades_sent_while_a_flush_is_committing_reach_their_grain_at_once_and_land_in_the_next_flush_exactly_once()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await table.Flusher.EnsureTableAsync(CancellationToken.None);
        await using var cluster = await StartHeldClusterAsync(env);
        var (storage, _) = Observe(cluster);

        // The first flush (50 trades of each symbol) is cut, then its checkpoint write for the held symbol sticks.
        storage.Hold(Held);
        await using var publisher = env.CreatePublisher();
        await PublishAsync(publisher, Held, 1, 50);
        await PublishAsync(publisher, Flowing, 1, 50);
        await Poll.UntilAsync(() => storage.WaitingWrites > 0, "the first flush's checkpoint write for the held symbol is waiting");

        // While it is stuck, the next trades of both symbols become visible in their grains, the held one's included.
        await PublishAsync(publisher, Held, 51, 10);
        await PublishAsync(publisher, Flowing, 51, 60);
        var held = IngestEnvironment.Grain(cluster, "BINANCE", Held);
        var flowing = IngestEnvironment.Grain(cluster, "BINANCE", Flowing);
        await Poll.UntilAsync(
            async () => (await flowing.GetRecentTradesAsync(1)) is [{ TradeId: "BINANCE-110" }]
                && (await held.GetRecentTradesAsync(1)) is [{ TradeId: "BINANCE-60" }],
            "the trades sent during the stuck flush are in their grains");
        Assert.True(storage.WaitingWrites > 0, "the first flush is still in flight");
        Assert.Empty(await table.ReadAllTradesAsync());

        // Released, the first flush commits what it cut: trades 1..50 of each symbol, none of the later ones.
        storage.Release();
        await Poll.UntilAsync(async () => (await table.ReadAllTradesAsync()).Count >= FlushTrades, "the first flush is committed");
        Assert.Equal(
            Ids(Held, 1, 50).Concat(Ids(Flowing, 1, 50)).Order(StringComparer.Ordinal),
            (await table.ReadAllTradesAsync()).Select(Id).Order(StringComparer.Ordinal));

        // 30 more make the next flush due: it holds the trades sent during the first one, and every trade is in once.
        await PublishAsync(publisher, Flowing, 111, 30);
        await Poll.UntilAsync(async () => (await table.ReadAllTradesAsync()).Count >= 2 * FlushTrades, "the second flush is committed");
        await env.WaitUntilDrainedAsync();
        Assert.Equal(
            Ids(Held, 1, 60).Concat(Ids(Flowing, 1, 140)).Order(StringComparer.Ordinal),
            (await table.ReadAllTradesAsync()).Select(Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_flush_has_at_most_its_configured_checkpoint_writes_in_flight_and_the_rest_follow_as_those_end()
    {
        const int inFlight = 2;
        var symbols = Enumerable.Range(1, 10).Select(i => $"FAN{i:D2}USDT").ToList();
        await using var env = await IngestEnvironment.StartAsync();
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await table.Flusher.EnsureTableAsync(CancellationToken.None);
        await using var cluster = await StartHeldClusterAsync(env, grainCallsInFlight: inFlight);
        var (storage, _) = Observe(cluster);

        // Every fed grain's checkpoint write is held: issued all at once, all ten would be waiting.
        storage.Hold("FAN");
        await using var publisher = env.CreatePublisher();
        foreach (var symbol in symbols)
        {
            await PublishAsync(publisher, symbol, 1, FlushTrades / symbols.Count);
        }

        await Poll.UntilAsync(() => storage.WaitingWrites >= inFlight, "the flush's first checkpoint writes are waiting");
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // time for any further write the flush would issue to arrive
        Assert.Equal(inFlight, storage.WaitingWrites);
        Assert.Empty(await table.ReadAllTradesAsync());

        // Released, the rest follow a few at a time and the flush commits every trade once.
        storage.Release();
        await Poll.UntilAsync(async () => (await table.ReadAllTradesAsync()).Count >= FlushTrades, "the flush is committed");
        Assert.Equal(
            symbols.SelectMany(symbol => Ids(symbol, 1, FlushTrades / symbols.Count)).Order(StringComparer.Ordinal),
            (await table.ReadAllTradesAsync()).Select(Id).Order(StringComparer.Ordinal));
        Assert.Equal(inFlight, storage.MostWritesAtOnce);
    }

    [Fact]
    public async Task A_flush_whose_checkpoint_write_fails_once_deletes_the_files_it_wrote_meanwhile_and_every_trade_is_committed_once()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await table.Flusher.EnsureTableAsync(CancellationToken.None);
        await using var cluster = await StartHeldClusterAsync(env);
        var (storage, metrics) = Observe(cluster);
        using var _ = metrics;

        // The flush's checkpoint write for the held symbol sticks; its data files are written meanwhile, not committed.
        await FlushWithHeldCheckpointAsync(env, table, storage);
        Assert.Empty(await table.ReadAllTradesAsync());

        // The write fails once: the exception reaches the commit, which is retried. (The grain drops its activation
        // when a write fails, memory being ahead of storage, so the retry's persist is refused and the consumer
        // re-reads; either way the failed attempt's files must be gone and no trade lost or doubled.)
        storage.Fail();
        await Poll.UntilAsync(() => storage.WaitingWrites == 0, "the held checkpoint write has failed");
        storage.Release();

        await Poll.UntilAsync(async () => (await table.ReadAllTradesAsync()).Count >= FlushTrades, "the flush is committed after the failure");
        await env.WaitUntilDrainedAsync();
        Assert.True(metrics.Sum("k2.silo.flush.failures") >= 1, "the first attempt failed");
        await AssertHeldFlushCommittedOnceAsync(table);
    }

    [Fact]
    public async Task A_flush_whose_checkpoint_write_is_refused_commits_none_of_the_files_it_wrote_and_the_re_read_commits_every_trade_once()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await table.Flusher.EnsureTableAsync(CancellationToken.None);
        await using var cluster = await StartHeldClusterAsync(env);
        var (storage, metrics) = Observe(cluster);
        using var _ = metrics;

        await FlushWithHeldCheckpointAsync(env, table, storage);

        // The held grain's writes keep failing until it is re-activated: its cut is gone, so the retried persist that
        // re-activates it is refused, which fences the flush (the consumer drops its buffer and re-reads).
        var reads = storage.ReadsOf(Held);
        storage.Fail();
        await Poll.UntilAsync(
            async () =>
            {
                await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
                return storage.ReadsOf(Held) > reads;
            },
            "the held grain is re-activated after losing its cut");
        await Poll.UntilAsync(() => metrics.Sum("k2.silo.flush.fenced") >= 1, "the flush is fenced by the refused checkpoint write");
        storage.Release();

        await Poll.UntilAsync(async () => (await table.ReadAllTradesAsync()).Count >= FlushTrades, "the re-read flush is committed");
        await env.WaitUntilDrainedAsync();
        await AssertHeldFlushCommittedOnceAsync(table);
    }

    [Fact]
    public async Task A_cut_persisted_while_another_write_of_the_state_is_in_flight_waits_for_it_instead_of_racing_it()
    {
        // No consumer traffic for this grain: it is driven directly, one log batch, its cut, then a direct batch whose
        // state write is held while the cut's persist is issued. Two writes of one state at once would race the
        // storage's ETag (one fails) or store the cut under the other's name.
        await using var env = await IngestEnvironment.StartAsync();
        await using var cluster = await env.StartClusterAsync(configure: builder => builder.AddSiloBuilderConfigurator<HeldGrainStorage.Configurator>());
        var silo = Assert.IsType<InProcessSiloHandle>(Assert.Single(cluster.Silos)).SiloHost!.Services;
        var storage = Assert.IsType<HeldGrainStorage>(silo.GetRequiredKeyedService<IGrainStorage>(K2StorageNames.Symbols));
        const string symbol = "RACEUSDT";
        const string topic = "market.crypto.trades.binance";
        var grain = IngestEnvironment.Grain(cluster, "BINANCE", symbol);
        await grain.IngestAsync(TradeBatch.FromLog(
            topic,
            [Trades.Binance(1, symbol: symbol), Trades.Binance(2, symbol: symbol)],
            [new TradePosition(0, 0), new TradePosition(0, 1)]) with
        { LogCluster = "log-a", RunStartOffset = 0 });
        var checkpoint = new FlushCheckpoint("log-a", topic, 0, BaseOffset: 0, ThroughOffset: 2, LastOffset: 1);
        Assert.True((await grain.CutFlushAsync(checkpoint)).IsPrepared);

        storage.Hold(symbol);
        var direct = grain.IngestAsync(new TradeBatch([Trades.Binance(3, symbol: symbol)])).AsTask();
        await Poll.UntilAsync(() => storage.WaitingWrites == 1, "the direct batch's state write is held");
        var persist = grain.PersistFlushAsync(checkpoint).AsTask();

        // An interleaving call sent after the persist is answered once the persist has run up to its first wait
        // (Orleans delivers one caller's messages to an activation in order), so both writes are released together.
        await grain.GetRecentTradesAsync(1);
        storage.Release();

        Assert.Equal(1, (await direct).Accepted);
        Assert.True((await persist).IsPrepared);
        Assert.Equal(1, storage.MostOverlappingWrites);
    }

    /// <summary>A silo whose flushes are due at <see cref="FlushTrades"/> (not by age) over a <see cref="HeldGrainStorage"/>.</summary>
    private static Task<TestCluster> StartHeldClusterAsync(IngestEnvironment env, int? grainCallsInFlight = null) =>
        env.StartClusterAsync(
            maxBatchMessages: 40,
            flushAge: "00:10:00",
            configure: builder =>
            {
                builder.Properties["K2:Flush:MaxTrades"] = FlushTrades.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (grainCallsInFlight is { } inFlight)
                {
                    builder.Properties["K2:Flush:GrainCallsInFlight"] = inFlight.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                builder.AddSiloBuilderConfigurator<HeldGrainStorage.Configurator>();
            });

    /// <summary>The silo's held grain storage, and a capture of its ingest meter (the factory hands out the silo's instance).</summary>
    private static (HeldGrainStorage Storage, MeterCapture Metrics) Observe(TestCluster cluster)
    {
        var silo = Assert.IsType<InProcessSiloHandle>(Assert.Single(cluster.Silos)).SiloHost!.Services;
        return (
            Assert.IsType<HeldGrainStorage>(silo.GetRequiredKeyedService<IGrainStorage>(K2StorageNames.Symbols)),
            new MeterCapture(silo.GetRequiredService<IMeterFactory>().Create(IngestMetrics.MeterName)));
    }

    /// <summary>Every data file and bar sidecar on disk is one the table's current snapshot holds.</summary>
    /// <summary>
    /// Holds the flushed checkpoint write of <see cref="Held"/>, publishes a flush's worth of trades for it and
    /// <see cref="Flowing"/>, and returns once that write is waiting and the flush's data files are written.
    /// </summary>
    private static async Task FlushWithHeldCheckpointAsync(IngestEnvironment env, FlushHarness table, HeldGrainStorage storage)
    {
        storage.Hold(Held);
        await using var publisher = env.CreatePublisher();
        await PublishAsync(publisher, Held, 1, 50);
        await PublishAsync(publisher, Flowing, 1, 50);
        await Poll.UntilAsync(() => storage.WaitingWrites > 0, "the flush's checkpoint write for the held symbol is waiting");
        await Poll.UntilAsync(() => table.DataFileCount() > 0, "the flush's data files are written while its checkpoint write is in flight");
    }

    /// <summary>The trades of <see cref="FlushWithHeldCheckpointAsync"/> are in the table once each, and no data file outside it.</summary>
    private static async Task AssertHeldFlushCommittedOnceAsync(FlushHarness table)
    {
        Assert.Equal(
            Ids(Held, 1, 50).Concat(Ids(Flowing, 1, 50)).Order(StringComparer.Ordinal),
            (await table.ReadAllTradesAsync()).Select(Id).Order(StringComparer.Ordinal));
        await AssertNoOrphanFilesAsync(table);
    }

    private static async Task AssertNoOrphanFilesAsync(FlushHarness table)
    {
        var current = (await table.TradeSnapshotsAsync())[^1];
        Assert.Equal(current.Counter(SnapshotSummary.TotalDataFiles), table.DataFileCount());
        Assert.Equal(table.DataFileCount(), table.SidecarCount());
    }

    private static async Task PublishAsync(KafkaMarketDataPublisher publisher, string symbol, int firstId, int count)
    {
        foreach (var id in Enumerable.Range(firstId, count))
        {
            await publisher.PublishTradeAsync(Trades.Binance(id, symbol: symbol), CancellationToken.None);
        }

        await publisher.FlushAsync(CancellationToken.None);
    }

    private static IEnumerable<string> Ids(string symbol, int firstId, int count) =>
        Enumerable.Range(firstId, count).Select(id => $"{symbol}/BINANCE-{id}");

    private static string Id(Contracts.Model.Trade trade) => $"{trade.Symbol}/{trade.TradeId}";
}
