using System.Globalization;

namespace K2.ApiAbuse;

/// <summary>A process's resident memory (VmRSS) as the kernel counts it, from /proc.</summary>
internal static class ResidentMemory
{
    public static double MiB(int processId)
    {
        var line = File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / 1024d;
    }
}
