using System.Runtime.InteropServices;
using Confluent.Kafka;
using K2.Kafka.Topics;

namespace K2.Kafka.Broker;

/// <summary>
/// <para>
/// <b>IN-MEMORY, FOR TESTS AND THE LOCAL DEFAULT ONLY — NEVER A PRODUCTION BROKER.</b>
/// Hosts librdkafka's built-in mock Kafka cluster inside the current process. It speaks the real Kafka protocol over
/// TCP on 127.0.0.1, so any Kafka client (Confluent.Kafka, kcat, another process) can produce, consume and commit
/// against it, but every record lives in this process's memory: it is lost when the broker is disposed or the
/// process exits, it is not replicated, it has no security, and its behaviour is only as complete as the mock
/// (no CreateTopics admin API: topics are created here, through the mock API).
/// </para>
/// <para>
/// Real deployments point <c>ConnectionStrings:kafka</c> at a real Kafka cluster; see <c>docs/kafka.md</c>.
/// Keep the instance alive (and dispose it) for as long as clients use its bootstrap servers: it releases the
/// cluster when collected.
/// </para>
/// </summary>
public sealed class LocalKafkaBroker : IDisposable
{
    /// <summary>Broker id meaning "every broker" for <see cref="SetBrokerDown"/> and <see cref="SetBrokerUp"/>.</summary>
    public const int AllBrokers = -1;

    /// <summary>
    /// <c>fetch.wait.max.ms</c> for consumers of this broker. A real broker answers a waiting fetch as soon as a record
    /// arrives, so there the setting (K2's default 100 ms) only bounds an idle fetch. librdkafka's mock cluster holds a
    /// fetch that found nothing for the whole wait even when records arrive meanwhile (rdkafka_mock_handlers.c), which
    /// adds up to that wait to every record arriving after an empty fetch; a short wait makes it behave like a real one.
    /// </summary>
    public const int ConsumerFetchWaitMaxMs = 5;

    /// <summary>How long <see cref="StartAsync"/> waits for the brokers to answer a metadata request.</summary>
    public static readonly TimeSpan DefaultReadinessTimeout = TimeSpan.FromSeconds(10);

    private const string OwnerClientId = "k2-local-broker";

    // Partitions of an in-memory broker have nowhere to be replicated to.
    private const int ReplicationFactor = 1;

    private static readonly Lock ProcessBrokerGate = new();
    private static LocalKafkaBroker? _processBroker;

    private readonly Lock _gate = new();
    private MockClusterHandle? _cluster;
    private string? _bootstrapServers;
    private bool _disposed;

    /// <summary>Comma-separated <c>127.0.0.1:port</c> list; available once started.</summary>
    public string BootstrapServers =>
        _bootstrapServers ?? throw new InvalidOperationException("The local Kafka broker has not been started.");

    public int BrokerCount { get; private set; }

    /// <summary>
    /// Starts a broker that lives until the process exits and returns its bootstrap servers: for a host process
    /// (the Aspire AppHost) that hands <c>ConnectionStrings:kafka</c> to other processes. A second call returns the
    /// same broker, creating any topics it does not have yet. In-memory: see the class remarks.
    /// </summary>
    public static string Start(int brokerCount, IEnumerable<KafkaTopicSpec> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        lock (ProcessBrokerGate)
        {
            if (_processBroker is { } running)
            {
                running.CreateTopics(topics);
                return running.BootstrapServers;
            }

            var broker = new LocalKafkaBroker();
            try
            {
                broker.StartCore(brokerCount, topics, DefaultReadinessTimeout);
            }
            catch
            {
                broker.Dispose();
                throw;
            }

            // Rooted in a static so the cluster cannot be collected while other processes still use it.
            _processBroker = broker;
            return broker.BootstrapServers;
        }
    }

    /// <summary>
    /// Starts the mock cluster with <paramref name="brokerCount"/> brokers, creates <paramref name="topics"/>, waits
    /// until the brokers answer metadata requests, and returns the bootstrap servers.
    /// </summary>
    public Task<string> StartAsync(
        int brokerCount,
        IEnumerable<KafkaTopicSpec> topics,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        // The native calls and the metadata round trip block; keep them off the caller's thread.
        return Task.Run(
            () =>
            {
                StartCore(brokerCount, topics, DefaultReadinessTimeout);
                return BootstrapServers;
            },
            cancellationToken);
    }

    /// <summary>Creates a topic; returns false (and changes nothing) when it already exists.</summary>
    public bool CreateTopic(string name, int partitions) => CreateTopics([new KafkaTopicSpec(name, partitions)]).Count == 1;

    /// <summary>Creates the topics that do not exist yet and returns their names; existing ones are left as they are.</summary>
    public IReadOnlyList<string> CreateTopics(IEnumerable<KafkaTopicSpec> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var created = new List<string>();
        foreach (var topic in topics)
        {
            var error = Invoke(
                cluster => LibrdkafkaNative.MockTopicCreate(cluster, topic.Name, topic.Partitions, ReplicationFactor),
                $"create topic '{topic.Name}'",
                LibrdkafkaNative.TopicAlreadyExists);
            if (error == LibrdkafkaNative.NoError)
            {
                created.Add(topic.Name);
            }
        }

        return created;
    }

    /// <summary>
    /// Makes a broker (or <see cref="AllBrokers"/>) drop its connections and refuse new ones until
    /// <see cref="SetBrokerUp"/>, to test how clients ride out an outage. Leadership does not move.
    /// </summary>
    public void SetBrokerDown(int brokerId = AllBrokers) =>
        _ = Invoke(cluster => LibrdkafkaNative.MockBrokerSetDown(cluster, brokerId), $"set broker {brokerId} down");

    public void SetBrokerUp(int brokerId = AllBrokers) =>
        _ = Invoke(cluster => LibrdkafkaNative.MockBrokerSetUp(cluster, brokerId), $"set broker {brokerId} up");

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _cluster?.Dispose();
        }
    }

    private void StartCore(int brokerCount, IEnumerable<KafkaTopicSpec> topics, TimeSpan readinessTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_cluster is not null)
            {
                throw new InvalidOperationException("The local Kafka broker is already started.");
            }

            _cluster = MockClusterHandle.Create(brokerCount, OwnerClientId);
            var cluster = _cluster.DangerousGetHandle();

            // A real broker waits 3 s for more members before the first rebalance; locally nobody else is coming.
            LibrdkafkaNative.MockGroupInitialRebalanceDelayMs(cluster, 0);
            _bootstrapServers = Marshal.PtrToStringUTF8(LibrdkafkaNative.MockClusterBootstraps(cluster))
                ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
            BrokerCount = brokerCount;
        }

        CreateTopics(topics);
        WaitUntilServing(readinessTimeout);
    }

    private void WaitUntilServing(TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig
        {
            BootstrapServers = BootstrapServers,
            ClientId = OwnerClientId,
        }).Build();
        var metadata = admin.GetMetadata(timeout);
        if (metadata.Brokers.Count != BrokerCount)
        {
            throw new InvalidOperationException(
                $"The local Kafka broker reports {metadata.Brokers.Count} broker(s); {BrokerCount} were started.");
        }
    }

    /// <summary>Calls the mock API with the cluster pinned, so a concurrent Dispose cannot free it mid-call.</summary>
    private int Invoke(Func<nint, int> call, string action, int tolerated = LibrdkafkaNative.NoError)
    {
        MockClusterHandle cluster;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cluster = _cluster ?? throw new InvalidOperationException("The local Kafka broker has not been started.");
        }

        var pinned = false;
        try
        {
            cluster.DangerousAddRef(ref pinned);
            var error = call(cluster.DangerousGetHandle());
            if (error != LibrdkafkaNative.NoError && error != tolerated)
            {
                throw new InvalidOperationException(
                    $"Local Kafka broker could not {action}: {LibrdkafkaNative.DescribeError(error)}.");
            }

            return error;
        }
        finally
        {
            if (pinned)
            {
                cluster.DangerousRelease();
            }
        }
    }
}
