using K2.ChaosTests.Faults;
using K2.ChaosTests.Harness;
using K2.ChaosTests.Reconciliation;
using K2.Lakehouse.Maintenance;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace K2.ChaosTests.Scenarios;

/// <summary>
/// The whole system under sustained load with one kind of fault injected repeatedly, then every trade reconciled:
/// zero lost and zero duplicated is the only pass. Short mode by default; <c>K2_CHAOS_DURATION</c> soaks each scenario
/// (docs/reliability.md).
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ProcessFaultTests(ChaosEnvironment environment, ITestOutputHelper output)
{
    private static readonly TimeSpan SiloDownTime = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Silos_killed_one_at_a_time_and_both_at_once_lose_and_double_nothing()
    {
        var result = await ChaosRun.ExecuteAsync(environment, "silo-sigkill", 1, async faults =>
        {
            do
            {
                // One silo at a random point of the stream (mid-batch, mid-flush or idle), then one right after an
                // Iceberg commit (before its Kafka offset commit), then both at once right after a commit.
                await faults.PauseAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
                await KillAndRestartAsync(faults, [faults.PickSilo()], onCommit: false, FaultKind.SiloKillRandom);
                await faults.PauseAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
                await KillAndRestartAsync(faults, [faults.PickSilo()], onCommit: true, FaultKind.SiloKillOnCommit);
                await faults.PauseAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
                await KillAndRestartAsync(faults, environment.Silos, onCommit: true, FaultKind.SiloKillBoth);
            }
            while (faults.KeepGoing);
        }, output);

        ChaosRun.AssertNothingLostOrDoubled(result);
    }

    private static async Task KillAndRestartAsync(FaultContext faults, IReadOnlyList<ServiceProcess> silos, bool onCommit, string kind)
    {
        if (onCommit)
        {
            await faults.WaitForIcebergCommitAsync();
        }

        await Task.WhenAll(silos.Select(silo => silo.KillAsync()));
        await faults.PauseAsync(TimeSpan.Zero, SiloDownTime);
        foreach (var silo in silos)
        {
            silo.Start();
        }

        await Task.WhenAll(silos.Select(silo => silo.WaitUntilReadyAsync()));
        faults.Log.Ended(kind);
    }

    [Fact]
    public async Task PostgreSQL_stopped_during_ingest_loses_and_doubles_nothing()
    {
        var result = await ChaosRun.ExecuteAsync(environment, "postgres-outage", 2, faults => faults.RepeatOutagesAsync(
            FaultKind.PostgresDown,
            begin: () => Task.Run(faults.Environment.Postgres.Stop),
            end: () => Task.Run(faults.Environment.Postgres.Resume)), output);

        ChaosRun.AssertNothingLostOrDoubled(result);
    }

    [Fact]
    public async Task Kafka_broker_unavailable_during_ingest_loses_and_doubles_nothing()
    {
        // Every connection (load generator, silo consumers and producers) is dropped and new ones refused; the broker's
        // log stays, as a restarted real broker's would.
        var result = await ChaosRun.ExecuteAsync(environment, "kafka-outage", 3, faults => faults.RepeatOutagesAsync(
            FaultKind.KafkaDown,
            begin: () =>
            {
                faults.Environment.Broker.SetBrokerDown();
                return Task.CompletedTask;
            },
            end: () =>
            {
                faults.Environment.Broker.SetBrokerUp();
                return Task.CompletedTask;
            }), output);

        ChaosRun.AssertNothingLostOrDoubled(result);
    }

    [Fact]
    public async Task Warehouse_unwritable_during_ingest_loses_and_doubles_nothing()
    {
        var result = await ChaosRun.ExecuteAsync(environment, "warehouse-unwritable", 4, faults => faults.RepeatOutagesAsync(
            FaultKind.WarehouseUnwritable,
            begin: () => File.WriteAllTextAsync(faults.Environment.WarehouseFaultFile, "injected by K2.ChaosTests"),
            end: () =>
            {
                File.Delete(faults.Environment.WarehouseFaultFile);
                return Task.CompletedTask;
            }), output);

        ChaosRun.AssertNothingLostOrDoubled(result);
    }

    [Fact]
    public async Task Compaction_and_snapshot_expiry_while_ingesting_and_querying_lose_and_double_nothing()
    {
        var result = await ChaosRun.ExecuteAsync(environment, "concurrent-maintenance", 5, async faults =>
        {
            var maintenance = faults.Environment.Lakehouse.GetRequiredService<TableMaintenance>();
            int compactedFiles = 0, mergedManifests = 0, expiredSnapshots = 0, runsFailed = 0, queries = 0, queriesFailed = 0;
            do
            {
                try
                {
                    var report = await maintenance.RunAsync(MarketDataTables.Trades, faults.LoadEnds);
                    compactedFiles += report.Compactions.Where(c => c.Status == RewriteCommitStatus.Committed).Sum(c => c.FilesBefore);
                    mergedManifests += report.ManifestMerge is { Status: ManifestMergeStatus.Committed } merge ? merge.ManifestsReplaced : 0;
                    expiredSnapshots += report.Expiry.ExpiredSnapshotIds.Count;
                    if (report.CompactionFailure is not null)
                    {
                        faults.Notes.Add($"compaction failed: {report.CompactionFailure.Message}");
                    }

                    if (report.ManifestMergeFailure is not null)
                    {
                        faults.Notes.Add($"manifest merge failed: {report.ManifestMergeFailure.Message}");
                    }
                }
                catch (OperationCanceledException) when (faults.LoadEnds.IsCancellationRequested)
                {
                    // Cut off when the load ends: an abandoned maintenance run is one more fault the table must survive.
                    runsFailed++;
                    break;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A maintenance run losing a commit race to the silos' flushes is expected; it must not cost data.
                    runsFailed++;
                    faults.Notes.Add($"maintenance run failed: {exception.GetType().Name}: {exception.Message}");
                }

                faults.Log.Injected(FaultKind.ConcurrentMaintenance);
                try
                {
                    queries++;
                    _ = await TableContents.ReadAsync(faults.Environment.Lakehouse, CancellationToken.None);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    queriesFailed++;
                    faults.Notes.Add($"concurrent query failed: {exception.GetType().Name}: {exception.Message}");
                }

                await faults.PauseAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
            }
            while (faults.KeepGoing);

            faults.Notes.Add($"maintenance: {compactedFiles} files compacted, {mergedManifests} manifests merged, {expiredSnapshots} snapshots expired, {runsFailed} runs failed or cut off; {queries} concurrent full-table queries, {queriesFailed} failed");
        }, output);

        ChaosRun.AssertNothingLostOrDoubled(result);
    }
}
