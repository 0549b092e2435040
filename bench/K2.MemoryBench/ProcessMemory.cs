using System.Globalization;

namespace K2.MemoryBench;

/// <summary>
/// What the silo's RSS is made of (Linux <c>/proc/self/status</c>) and which GC configuration it runs, so a peak above
/// the GC's committed bytes can be told apart: anonymous memory holds the GC heap and native allocations (librdkafka's
/// buffers, the runtime), file-backed pages the mapped assemblies, shared memory the runtime's double-mapped code.
/// </summary>
internal static class ProcessMemory
{
    private const long KiB = 1024;

    // GC.GetConfigurationVariables keys (the runtime's own names, not the DOTNET_ ones); the rest of that map is not
    // about how much memory the heap keeps. A setting left at its default may be absent.
    private static readonly string[] GcKeys = ["ServerGC", "ConcurrentGC", "GCDynamicAdaptationMode", "HeapCount", "GCConserveMem", "GCHeapHardLimit", "Gen0MaxBudget", "GCgen0size"];

    /// <summary>RssAnon, RssFile and RssShmem in bytes; zeros where the kernel does not report them.</summary>
    public static (long Anon, long File, long Shmem) RssParts()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return (0, 0, 0);
        }

        long anon = 0, file = 0, shmem = 0;
        foreach (var line in File.ReadLines(status))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                continue;
            }

            var kib = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var number, "kB"]
                ? long.Parse(number, CultureInfo.InvariantCulture) * KiB
                : 0;
            switch (parts[0])
            {
                case "RssAnon":
                    anon = kib;
                    break;
                case "RssFile":
                    file = kib;
                    break;
                case "RssShmem":
                    shmem = kib;
                    break;
            }
        }

        return (anon, file, shmem);
    }

    /// <summary>The GC settings that decide how far the heap runs above what is in use, as <c>name=value</c> pairs.</summary>
    public static string GcSettings()
    {
        var variables = GC.GetConfigurationVariables();
        return string.Join(", ", GcKeys
            .Where(variables.ContainsKey)
            .Select(key => FormattableString.Invariant($"{key}={variables[key]}")));
    }
}
