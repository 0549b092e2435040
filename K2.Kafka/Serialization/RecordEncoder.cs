using System.Buffers;
using Microsoft.Extensions.ObjectPool;

namespace K2.Kafka.Serialization;

/// <summary>
/// Serializes records into pooled, reused buffers. Confluent.Kafka only accepts a value as an exact-length
/// <c>byte[]</c> (which librdkafka then copies), so one right-sized copy per record remains; the growable
/// serialization buffer itself is never reallocated per record.
/// </summary>
internal sealed class RecordEncoder
{
    /// <summary>Comfortably above a market-data record (a few hundred bytes), so buffers rarely grow.</summary>
    private const int InitialBufferBytes = 1_024;

    /// <summary>A buffer grown past this by an outsized record is dropped rather than kept alive in the pool.</summary>
    private const int MaxRetainedBufferBytes = 64 * 1_024;

    private readonly ObjectPool<ArrayBufferWriter<byte>> _buffers =
        new DefaultObjectPool<ArrayBufferWriter<byte>>(new BufferPolicy());

    public byte[] Encode<T>(IRecordSerializer<T> serializer, T record)
    {
        var buffer = _buffers.Get();
        try
        {
            serializer.Serialize(record, buffer);
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }

    private sealed class BufferPolicy : PooledObjectPolicy<ArrayBufferWriter<byte>>
    {
        public override ArrayBufferWriter<byte> Create() => new(InitialBufferBytes);

        public override bool Return(ArrayBufferWriter<byte> obj)
        {
            if (obj.Capacity > MaxRetainedBufferBytes)
            {
                return false;
            }

            obj.ResetWrittenCount();
            return true;
        }
    }
}
