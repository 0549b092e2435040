using System.Reflection;
using System.Runtime.InteropServices;

namespace K2.Kafka.Broker;

/// <summary>
/// Finds librdkafka for this assembly's own P/Invokes. Confluent.Kafka loads its native library itself and silently
/// falls back to <c>centos8-librdkafka.so</c> when the default build cannot load (on Debian 12 it needs a
/// libsasl2.so.3 that does not exist); plain <c>[LibraryImport]</c> has no such fallback, so this resolver tries the
/// same files from the <c>runtimes/&lt;rid&gt;/native</c> folders the librdkafka.redist package ships.
/// </summary>
internal static class LibrdkafkaLibraryResolver
{
    private static int _registered;

    /// <summary>Idempotent: .NET allows one resolver per assembly and throws on a second registration.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaLibraryResolver).Assembly, Resolve);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(libraryName, LibrdkafkaNative.Library, StringComparison.Ordinal))
        {
            return 0;
        }

        foreach (var candidate in Candidates())
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        // Zero hands the name back to the default probing, whose DllNotFoundException names what was searched.
        return 0;
    }

    private static IEnumerable<string> Candidates()
    {
        var runtimeFolder = Path.Combine("runtimes", RuntimeIdentifierFolder(), "native");
        var confluentDirectory = Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location);
        var roots = new[] { AppContext.BaseDirectory, confluentDirectory }
            .Where(root => !string.IsNullOrEmpty(root))
            .Distinct(StringComparer.Ordinal);

        foreach (var root in roots)
        {
            foreach (var file in FileNames())
            {
                yield return Path.Combine(root!, runtimeFolder, file);
                yield return Path.Combine(root!, file);
            }
        }
    }

    private static IEnumerable<string> FileNames()
    {
        if (OperatingSystem.IsWindows())
        {
            yield return "librdkafka.dll";
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return "librdkafka.dylib";
        }
        else
        {
            // The default build first (it has SASL/Kerberos), then the self-contained one Debian can load.
            yield return "librdkafka.so";
            yield return "centos8-librdkafka.so";
        }
    }

    private static string RuntimeIdentifierFolder()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return $"{os}-{architecture}";
    }
}
