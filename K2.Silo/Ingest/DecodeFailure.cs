using Confluent.Kafka;

namespace K2.Silo.Ingest;

/// <summary>A record that is not a trade or quote this build can read; dead-lettered once, even if the batch is retried.</summary>
internal sealed class DecodeFailure(ConsumeResult<byte[]?, byte[]?> record, string error)
{
    public ConsumeResult<byte[]?, byte[]?> Record { get; } = record;

    public string Error { get; } = error;

    public bool DeadLettered { get; set; }
}
