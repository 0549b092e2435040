using System.Text;
using Confluent.Kafka;
using K2.Contracts.Control;
using K2.Kafka.Configuration;
using K2.Kafka.Topics;
using Microsoft.Extensions.Options;

namespace K2.Silo.Ingest;

/// <summary>
/// Writes <see cref="GapRepairRequest"/>s as JSON to <see cref="KafkaTopics.ControlGaps"/>, keyed by symbol, and
/// returns only once the broker acknowledged them, so the batch that found the gap is committed after its request.
/// </summary>
public sealed class GapRequestPublisher : IDisposable
{
    public const string ClientPurpose = "gaps";

    private readonly IProducer<byte[], byte[]> _producer;

    public GapRequestPublisher(IOptions<KafkaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options.Value, ClientPurpose)).Build();
    }

    public async Task PublishAsync(GapRepairRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _producer.ProduceAsync(
            KafkaTopics.ControlGaps,
            new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(request.Symbol), Value = GapRepairRequestJson.Serialize(request) },
            cancellationToken);
    }

    public void Dispose()
    {
        // Everything published was awaited to acknowledgement; nothing is left to flush.
        _producer.Dispose();
    }
}
