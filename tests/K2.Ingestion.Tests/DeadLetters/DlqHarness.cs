using Confluent.Kafka;
using K2.Ingestion.DeadLetters.Cli;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Hosting;
using K2.Kafka.Publishing;
using K2.Kafka.Topics;
using K2.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace K2.Ingestion.Tests.DeadLetters;

/// <summary>
/// The <c>dlq</c> command's services as <c>DlqCommand</c> registers them (Kafka clients + dead-letter tools), on a
/// fresh in-memory broker with every K2 topic; runs the command and keeps what it printed.
/// </summary>
internal sealed class DlqHarness : IAsyncDisposable
{
    private readonly LocalKafkaBroker _broker;
    private readonly IHost _host;

    private DlqHarness(LocalKafkaBroker broker, string bootstrapServers, IHost host)
    {
        _broker = broker;
        BootstrapServers = bootstrapServers;
        _host = host;
    }

    public string BootstrapServers { get; }

    public StringWriter Output { get; private set; } = new();

    public StringWriter Errors { get; private set; } = new();

    public IDeadLetterPublisher DeadLetters => _host.Services.GetRequiredService<IDeadLetterPublisher>();

    public static async Task<DlqHarness> StartAsync()
    {
        var broker = new LocalKafkaBroker();
        var bootstrap = await broker.StartAsync(1, KafkaTopicCatalog.Create(new KafkaTopicOptions()));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = bootstrap,
            ["K2:Kafka:ClientId"] = "k2-dlq-test",
            ["K2:Kafka:Admin:ProvisionTopicsOnStart"] = "false",
            ["K2:DeadLetters:Cli:PayloadPreviewBytes"] = "40",
        });
        builder.Services.AddK2Kafka(builder.Configuration);
        builder.AddDeadLetterTools();
        var host = builder.Build();
        await host.StartAsync();
        return new DlqHarness(broker, bootstrap, host);
    }

    /// <summary>Runs <c>dlq &lt;arguments&gt;</c>; output and errors of this run only.</summary>
    public async Task<int> RunAsync(params string[] arguments)
    {
        Output = new StringWriter();
        Errors = new StringWriter();
        if (!DlqArguments.TryParse(arguments, out var parsed, out var error))
        {
            throw new ArgumentException(error, nameof(arguments));
        }

        return await _host.Services.GetRequiredService<DlqRunner>().RunAsync(parsed, Output, Errors, CancellationToken.None);
    }

    /// <summary>Every record of <paramref name="topic"/>, read without a group.</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadAll(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "k2-dlq-test-reader" }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        var timeout = TimeSpan.FromSeconds(10);
        var partitions = admin.GetMetadata(topic, timeout).Topics.Single().Partitions.Count;
        var ends = Enumerable.Range(0, partitions)
            .Select(partition => new TopicPartition(topic, partition))
            .ToDictionary(partition => partition, partition => consumer.QueryWatermarkOffsets(partition, timeout).High.Value);
        consumer.Assign(ends.Where(end => end.Value > 0).Select(end => new TopicPartitionOffset(end.Key, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        using var guard = new CancellationTokenSource(TestTimeouts.Generous);
        while (records.Count < ends.Values.Sum())
        {
            records.Add(consumer.Consume(guard.Token));
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _broker.Dispose();
    }
}
