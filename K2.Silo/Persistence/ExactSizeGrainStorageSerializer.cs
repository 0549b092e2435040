using Orleans.Serialization;
using Orleans.Storage;

namespace K2.Silo.Persistence;

/// <summary>
/// Orleans' binary grain-state format, written through Orleans' pooled buffers into one array of exactly the state's
/// size. <see cref="OrleansGrainStorageSerializer"/> writes the same bytes into a fresh <c>ArrayBufferWriter</c> that
/// doubles from 256 bytes: for a symbol whose 64 KB message-id ring is full, every flush's write allocated ~260 KB of
/// growing buffers per grain, the last of them a 128 KB large-object array, and the large-object heap's allocation
/// budget is what starts gen2 collections (docs/benchmarks.md, "Session 12"). Rows written by either read with either.
/// </summary>
public sealed class ExactSizeGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return serializer.Deserialize<T>(input.ToMemory());
    }
}
