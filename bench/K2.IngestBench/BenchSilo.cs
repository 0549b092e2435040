using System.Globalization;
using K2.Bench;
using K2.Contracts.Grains;
using K2.Kafka.Configuration;
using K2.Kafka.Consuming;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Tables;
using K2.Silo.Flush;
using K2.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K2.IngestBench;

/// <summary>A real silo in this process, configured as K2.Silo's Program.cs configures it, with the consumer and flush.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _logCluster;

    private BenchSilo(IHost host, string logCluster, string clusterId)
    {
        _host = host;
        _logCluster = logCluster;
        ClusterId = clusterId;
    }

    /// <summary>The Orleans cluster (and service) id; an API joins the silo with it.</summary>
    public string ClusterId { get; }

    public static async Task<BenchSilo> StartAsync(BenchOptions options, KafkaOptions kafka, string warehouse)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("K2.Silo.Flush.ConsumerFlush", LogLevel.Information);
        var clusterId = "k2-bench-" + Guid.NewGuid().ToString("N")[..8];
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:k2db"] = options.Postgres,
            ["ConnectionStrings:kafka"] = kafka.BootstrapServers,
            ["K2:Kafka:ClientId"] = "k2-bench-silo",
            ["K2:Kafka:Admin:ProvisionTopicsOnStart"] = "false",
            ["K2:Kafka:Topics:BinanceTradePartitions"] = options.Partitions.ToString(CultureInfo.InvariantCulture),
            ["K2:Lakehouse:WarehousePath"] = warehouse,
            ["Orleans:ClusterId"] = clusterId,
            ["K2:Integrity:MessageIdWindow"] = Environment.GetEnvironmentVariable("K2_BENCH_IDWINDOW") ?? "4096",
            ["Orleans:ServiceId"] = clusterId,
            // Free ports: other silos (tests, other benchmarks) may hold Orleans' defaults on this machine.
            ["Orleans:SiloPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            ["K2:Flush:MaxAge"] = options.FlushMaxAge.ToString("c", CultureInfo.InvariantCulture),
            ["K2:Ingest:MaxBatchWait"] = options.BatchMaxWait.ToString("c", CultureInfo.InvariantCulture),
            ["K2:Ingest:MaxBatchLinger"] = options.BatchLinger.ToString("c", CultureInfo.InvariantCulture),
            ["K2:Kafka:Consumer:FetchWaitMaxMs"] = options.FetchWaitMaxMs.ToString(CultureInfo.InvariantCulture),
        });
        if (options.FlushMaxTrades is { } flushMaxTrades)
        {
            builder.Configuration["K2:Flush:MaxTrades"] = flushMaxTrades.ToString(CultureInfo.InvariantCulture);
        }

        // K2.Silo's Program applies this through AddServiceDefaults, which the in-process silo does not call.
        ThreadPoolFloor.Apply(builder.Configuration);
        var connectionString = builder.Configuration.GetK2DatabaseConnectionString();
        builder.UseOrleans(silo => silo.UseK2Postgres(connectionString).UseK2Cluster(builder.Configuration.GetK2ClusterOptions()));
        builder.Services.AddK2SymbolGrains(builder.Configuration);
        builder.Services.AddK2MarketDataConsumer(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        var logCluster = await host.Services.GetRequiredService<KafkaClusterIdentity>().ReadAsync(CancellationToken.None);
        return new BenchSilo(host, logCluster, clusterId);
    }

    /// <summary>The silo's meter factory: its consumer's metrics, for the benchmark to listen to.</summary>
    public System.Diagnostics.Metrics.IMeterFactory Meters => _host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    /// <summary>Grain calls inside the silo's process.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Sum over partitions of the next offset the trades table records: how far the table has got.</summary>
    public async Task<long> CommittedOffsetsTotalAsync()
    {
        try
        {
            var offsets = await _host.Services.GetRequiredService<LakehouseTradeFlusher>().ReadCommittedOffsetsAsync(_logCluster, CancellationToken.None);
            return offsets.Offsets.Values.Sum();
        }
        catch (Exception exception) when (exception is Npgsql.PostgresException or K2.Lakehouse.Catalog.NoSuchTableException)
        {
            return 0; // the catalog tables are created by the consumer on its start
        }
    }

    /// <summary>The next offset per partition of <paramref name="topic"/> that the trades table's current snapshot records.</summary>
    public async Task<IReadOnlyDictionary<int, long>> CommittedNextOffsetsAsync(string topic)
    {
        var offsets = await _host.Services.GetRequiredService<LakehouseTradeFlusher>().ReadCommittedOffsetsAsync(_logCluster, CancellationToken.None);
        return offsets.Offsets.Where(o => o.Key.Topic == topic).ToDictionary(o => o.Key.Partition, o => o.Value);
    }

    public async Task<long> TotalRecordsAsync()
    {
        var table = await _host.Services.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        return table.Metadata.CurrentSnapshot?.Summary is { } summary && summary.TryGetValue("total-records", out var total) ? long.Parse(total, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>What the grains accepted, summed over the flow's symbols: must equal the table's rows.</summary>
    public async Task<long> AcceptedAsync(SkewedFlow flow)
    {
        var grains = Grains;
        var accepted = 0L;
        for (var i = 0; i < flow.TradesPerSymbol.Count; i++)
        {
            if (flow.TradesPerSymbol[i] > 0)
            {
                accepted += (await grains.GetGrain<ISymbolGrain>(new SymbolKey("BINANCE", $"SYM{i:D4}USDT").ToString()).GetIntegrityAsync()).Accepted;
            }
        }

        return accepted;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
