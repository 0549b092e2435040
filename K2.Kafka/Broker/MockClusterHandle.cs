using System.Runtime.InteropServices;

namespace K2.Kafka.Broker;

/// <summary>
/// Owns a librdkafka mock cluster and the client handle it lives on, releasing both in the order librdkafka requires
/// (cluster first), also when an owner forgot to dispose.
/// </summary>
internal sealed unsafe class MockClusterHandle : SafeHandle
{
    private nint _owner;

    public MockClusterHandle()
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static MockClusterHandle Create(int brokerCount, string clientId)
    {
        var owner = CreateOwner(clientId);
        var cluster = LibrdkafkaNative.MockClusterNew(owner, brokerCount);
        if (cluster == 0)
        {
            LibrdkafkaNative.Destroy(owner);
            throw new InvalidOperationException(
                $"librdkafka could not create a mock cluster of {brokerCount} broker(s) (no free ports, or a build without the mock API).");
        }

        var created = new MockClusterHandle();
        created.SetHandle(cluster);
        created._owner = owner;
        return created;
    }

    protected override bool ReleaseHandle()
    {
        LibrdkafkaNative.MockClusterDestroy(handle);
        LibrdkafkaNative.Destroy(_owner);
        _owner = 0;
        return true;
    }

    private static nint CreateOwner(string clientId)
    {
        var errorText = stackalloc byte[LibrdkafkaNative.ErrorTextCapacity];
        var conf = LibrdkafkaNative.ConfNew();
        if (LibrdkafkaNative.ConfSet(conf, "client.id", clientId, errorText, LibrdkafkaNative.ErrorTextCapacity)
            != LibrdkafkaNative.ConfigurationOk)
        {
            LibrdkafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka rejected client.id: {ReadText(errorText)}");
        }

        // On success rd_kafka_new takes ownership of conf; on failure it stays ours to free.
        var owner = LibrdkafkaNative.New(LibrdkafkaNative.ProducerHandleType, conf, errorText, LibrdkafkaNative.ErrorTextCapacity);
        if (owner == 0)
        {
            LibrdkafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka could not create the mock cluster's handle: {ReadText(errorText)}");
        }

        return owner;
    }

    private static string ReadText(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
}
