using System.Globalization;
using Confluent.Kafka;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Publishing;
using K2.Kafka.Serialization;
using K2.Kafka.Topics;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Maintenance;
using K2.Silo.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace K2.ChaosTests.Harness;

/// <summary>
/// The system under chaos, shared by the scenarios of one test run: a Kafka-protocol broker hosted in this process
/// (librdkafka's mock cluster: it must outlive every silo kill, and it loses its log if its host dies), a PostgreSQL
/// server of its own, a local warehouse directory, and two K2 silo processes consuming, flushing to Iceberg and
/// keeping grain state in that PostgreSQL. Scenarios use disjoint symbols, so each reconciles only its own trades.
/// </summary>
public sealed class ChaosEnvironment : IAsyncLifetime
{
    /// <summary>The silos' consumer group (K2:Ingest:GroupId default).</summary>
    public const string ConsumerGroup = "k2-silo";

    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    // The local broker's "down" drops requests without resetting their connections, like a silent network partition:
    // librdkafka then notices only when socket.timeout.ms (default 60 s) expires, which made one short-mode recovery
    // take 121 s. Every Kafka client of the run (silos, load generator) uses 10 s instead; docs/reliability.md.
    private const string SocketTimeoutProperty = "socket.timeout.ms";
    private const string SocketTimeoutMs = "10000";

    private readonly List<ServiceProcess> _silos = [];
    private readonly Lock _offsetsGate = new();
    private LocalKafkaBroker? _broker;
    private ChaosPostgres? _postgres;
    private ChaosReaper? _reaper;
    private ServiceProvider? _lakehouse;
    private IConsumer<byte[], byte[]>? _offsetReader;
    private IAdminClient? _admin;

    public ChaosSettings Settings { get; } = ChaosSettings.FromEnvironment();

    /// <summary>Logs of every process, the warehouse and the PostgreSQL data directory of this run; kept when a scenario failed.</summary>
    public string RunDirectory { get; } = Directory.CreateTempSubdirectory($"k2-chaos-{DateTime.UtcNow:yyyyMMdd-HHmmss}-").FullName;

    public string WarehousePath => Path.Combine(RunDirectory, "warehouse");

    /// <summary>While this file exists, the silos' warehouse writes fail (<c>K2:Lakehouse:Storage:FaultFile</c>).</summary>
    public string WarehouseFaultFile => Path.Combine(RunDirectory, "warehouse-unwritable");

    public string ClusterId { get; } = "k2-chaos-" + Guid.NewGuid().ToString("N")[..8];

    public KafkaOptions KafkaOptions { get; } = new() { ClientId = "k2-chaos-load" };

    public IReadOnlyList<ServiceProcess> Silos => _silos;

    public ChaosPostgres Postgres => _postgres ?? throw new InvalidOperationException("The chaos environment is not started.");

    public LocalKafkaBroker Broker => _broker ?? throw new InvalidOperationException("The chaos environment is not started.");

    /// <summary>K2's own lakehouse services (catalog, planner, DuckDB reader, maintenance) on the silos' catalog and warehouse.</summary>
    public IServiceProvider Lakehouse => _lakehouse ?? throw new InvalidOperationException("The chaos environment is not started.");

    /// <summary>Silo processes that exited without the harness killing them; each is a finding, restarted to drain.</summary>
    public List<string> UnexpectedExits { get; } = [];

    public async Task InitializeAsync()
    {
        // The Kafka probes block a thread for up to their timeout while the broker is down; enough threads keep the
        // load generator and the recovery probes running meanwhile.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), completionPorts);
        _postgres = ChaosPostgres.Start(Path.Combine(RunDirectory, "postgres"));
        _reaper = ChaosReaper.Watch(RunDirectory, _postgres.DataDirectory);

        _broker = new LocalKafkaBroker();
        KafkaOptions.BootstrapServers = await _broker.StartAsync(1, KafkaTopicCatalog.Create(KafkaOptions.Topics));
        // A small local queue, so a broker outage fills it and the load generator must wait (back-pressure), not drop.
        KafkaOptions.Producer.QueueBufferingMaxMessages = 2_000;
        KafkaOptions.ClientProperties[SocketTimeoutProperty] = SocketTimeoutMs;
        _lakehouse = BuildLakehouse();
        foreach (var name in new[] { "silo-a", "silo-b" })
        {
            _silos.Add(CreateService(name, "K2.Silo", SiloSettings()));
        }

        foreach (var silo in _silos)
        {
            silo.Start();
        }

        await Task.WhenAll(_silos.Select(silo => silo.WaitUntilReadyAsync()));
    }

    /// <summary>
    /// Another K2 service process of this run (not started): the given project's built dll with the run's Kafka broker,
    /// loopback HTTP port, log format and <paramref name="settings"/> as environment variables; the reaper kills it if
    /// the test host dies. The caller starts, kills and disposes it.
    /// </summary>
    public ServiceProcess CreateService(string name, string project, IReadOnlyDictionary<string, string> settings)
    {
        var reaper = _reaper ?? throw new InvalidOperationException("The chaos environment is not started.");
        var httpPort = LoopbackPorts.Free();
        var environment = CommonSettings(httpPort);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return new ServiceProcess(name, ServiceBinary.Locate(project), environment, httpPort, RunDirectory, reaper.Track);
    }

    public KafkaMarketDataPublisher CreatePublisher() => new(
        Microsoft.Extensions.Options.Options.Create(KafkaOptions),
        new AvroTradeSerializer(),
        new AvroQuoteSerializer(),
        new FileLogger<KafkaMarketDataPublisher>(Path.Combine(RunDirectory, "load-generator.log")));

    /// <summary>Restarts any silo that is not running (killed by a scenario, or exited on its own) and waits for it.</summary>
    public async Task EnsureSilosRunningAsync()
    {
        var restarted = new List<ServiceProcess>();
        foreach (var silo in _silos.Where(silo => !silo.IsRunning))
        {
            silo.Start();
            restarted.Add(silo);
        }

        await Task.WhenAll(restarted.Select(silo => silo.WaitUntilReadyAsync()));
    }

    /// <summary>Records silos that died without being killed (checked between faults), then restarts them.</summary>
    public async Task CheckForUnexpectedExitsAsync(string scenario)
    {
        foreach (var silo in _silos.Where(silo => !silo.IsRunning))
        {
            UnexpectedExits.Add($"{scenario}: {silo.Name} exited on its own (see {silo.LogPath})");
        }

        await EnsureSilosRunningAsync();
    }

    /// <summary>Sum of the consumer group's committed offsets: it moves only after a flush reached Iceberg.</summary>
    public long CommittedTotal() => Probe(partitions => Committed(partitions));

    /// <summary>Records behind the log end, summed over the subscribed partitions (0: everything reached Iceberg).</summary>
    public long Lag() => Probe(partitions =>
        partitions.Sum(partition => _offsetReader!.QueryWatermarkOffsets(partition, MetadataTimeout).High.Value) - Committed(partitions));

    /// <summary>Current metadata location of the trades table in the catalog: changes at every Iceberg commit.</summary>
    public async Task<string?> TradesMetadataLocationAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT metadata_location FROM iceberg_tables WHERE table_namespace = 'market_data' AND table_name = 'trades'", connection);
        return await command.ExecuteScalarAsync() as string;
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _offsetReader?.Dispose();
        _admin?.Dispose();
        if (_lakehouse is not null)
        {
            await _lakehouse.DisposeAsync();
        }

        _broker?.Dispose();
        if (File.Exists(WarehouseFaultFile))
        {
            File.Delete(WarehouseFaultFile);
        }

        _postgres?.Stop();

        // A passing run's processes logs and data are not worth 80 MB of /tmp; a failing run's are the evidence.
        if (Reporting.ChaosReport.AllPassed && UnexpectedExits.Count == 0)
        {
            Directory.Delete(RunDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Runs a read against the broker with the probe's own clients. After a broker outage librdkafka clients can take
    /// minutes to give up on requests the outage swallowed (measured: two minutes of timeouts), so a client that failed
    /// once is replaced by a fresh one instead of being asked again.
    /// </summary>
    private long Probe(Func<List<Confluent.Kafka.TopicPartition>, long> read)
    {
        lock (_offsetsGate)
        {
            try
            {
                _admin ??= new AdminClientBuilder(new AdminClientConfig { BootstrapServers = KafkaOptions.BootstrapServers })
                    .SetLogHandler((_, _) => { })
                    .Build();
                _offsetReader ??= new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
                {
                    BootstrapServers = KafkaOptions.BootstrapServers,
                    GroupId = ConsumerGroup,
                    EnableAutoCommit = false,
                }).SetLogHandler((_, _) => { }).Build();
                return read(SubscribedPartitions());
            }
            catch (KafkaException)
            {
                _offsetReader?.Dispose();
                _offsetReader = null;
                _admin?.Dispose();
                _admin = null;
                throw;
            }
        }
    }

    private long Committed(List<Confluent.Kafka.TopicPartition> partitions) =>
        _offsetReader!.Committed(partitions, MetadataTimeout).Sum(committed => Math.Max(0, committed.Offset.Value));

    private List<Confluent.Kafka.TopicPartition> SubscribedPartitions() =>
        [.. IngestTopics.Subscribed.SelectMany(topic => Enumerable
            .Range(0, _admin!.GetMetadata(topic, MetadataTimeout).Topics.Single().Partitions.Count)
            .Select(partition => new Confluent.Kafka.TopicPartition(topic, partition)))];

    // What every service process of the run gets: its HTTP port, the log format, the run's broker.
    private Dictionary<string, string> CommonSettings(int httpPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
        // One timestamped line per entry, so the logs of the processes and the harness's markers line up.
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
        ["ConnectionStrings__kafka"] = KafkaOptions.BootstrapServers,
        [$"K2__Kafka__ClientProperties__{SocketTimeoutProperty}"] = SocketTimeoutMs,
        // The mock broker has no CreateTopics; the harness created every topic.
        ["K2__Kafka__Admin__ProvisionTopicsOnStart"] = "false",
    };

    private Dictionary<string, string> SiloSettings() => new()
    {
        ["ConnectionStrings__k2db"] = Postgres.ConnectionString,
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ClusterId,
        ["Orleans__SiloPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
        ["K2__Kafka__ClientId"] = "k2-chaos-silo",
        ["K2__Lakehouse__WarehousePath"] = WarehousePath,
        ["K2__Lakehouse__Storage__FaultFile"] = WarehouseFaultFile,
        ["K2__Ingest__MaxBatchMessages"] = "500",
        ["K2__Ingest__MaxBatchWait"] = "00:00:00.050",
        ["K2__Ingest__RetryInitialBackoff"] = "00:00:00.050",
        ["K2__Ingest__RetryMaxBackoff"] = "00:00:01",
        // A short flush age: several Iceberg commits a second, so kills land mid-flush and between the Iceberg commit
        // and the Kafka offset commit.
        ["K2__Flush__MaxAge"] = "00:00:00.300",
    };

    private ServiceProvider BuildLakehouse()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:WarehousePath"] = WarehousePath,
            // A compaction races the silos' commits (several a second); more attempts give it a chance to land.
            [$"{LakehouseOptions.SectionName}:CommitMaxAttempts"] = "30",
            // Aggressive maintenance for the concurrent-maintenance scenario: compact any two small files, keep only
            // the newest snapshot, delete orphans older than a minute (never files of a commit in flight).
            [$"{MaintenanceOptions.SectionName}:MinSmallFilesPerPartition"] = "2",
            [$"{MaintenanceOptions.SectionName}:SnapshotRetention"] = "00:00:00",
            [$"{MaintenanceOptions.SectionName}:MinSnapshotsToKeep"] = "1",
            [$"{MaintenanceOptions.SectionName}:OrphanMinAge"] = "00:01:00",
        }).Build();
        return new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(Postgres.ConnectionString))
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddK2Lakehouse(configuration)
            .AddK2LakehouseMaintenance(configuration)
            .BuildServiceProvider();
    }
}
