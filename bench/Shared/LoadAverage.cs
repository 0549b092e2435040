namespace K2.Bench;

/// <summary>The 1/5/15-minute load averages, so numbers from a busy machine are recognisable as such.</summary>
internal static class LoadAverage
{
    public static string Read() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
