using K2.Silo.Integrity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace K2.Silo.Tests.Integrity;

/// <summary>
/// Orleans' real serializer and copier over the silo's state types (and this test assembly's stand-ins for older stored
/// layouts), as the grain storage uses them: for tests of what a state is stored as and what it loads back as.
/// </summary>
internal sealed class StoredForms : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(serializer => serializer
            .AddAssembly(typeof(SymbolIntegrityState).Assembly)
            .AddAssembly(typeof(StoredForms).Assembly))
        .BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    public T RoundTrip<T>(T value) => Read<T>(Serializer<T>().SerializeToArray(value));

    public T Read<T>(byte[] stored) => Serializer<T>().Deserialize(stored) ?? throw new InvalidDataException("Read back nothing.");

    public Serializer<T> Serializer<T>() => _services.GetRequiredService<Serializer<T>>();

    /// <summary>The serializer the grain storage's state serializers are built over.</summary>
    public Serializer Serializer() => _services.GetRequiredService<Serializer>();

    public DeepCopier<T> Copier<T>() => _services.GetRequiredService<DeepCopier<T>>();
}
