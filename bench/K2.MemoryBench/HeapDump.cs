using System.Diagnostics;

namespace K2.MemoryBench;

/// <summary>
/// A heap snapshot of the silo process by type (<c>dotnet-gcdump collect</c> then <c>report</c>), for finding what a
/// number is made of. Needs the tool: <c>dotnet tool install -g dotnet-gcdump</c>.
/// </summary>
internal static class HeapDump
{
    private const int ReportLines = 40;

    public static async Task CollectAsync(int processId, string pathWithoutExtension, TextWriter log)
    {
        var dump = pathWithoutExtension + ".gcdump";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dump))!);
        await RunAsync(["collect", "-p", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", dump]);
        var report = await RunAsync(["report", dump]);
        await File.WriteAllTextAsync(pathWithoutExtension + ".txt", report);
        await log.WriteLineAsync($"heap dump {dump}; by type (largest first) in {pathWithoutExtension}.txt:");
        foreach (var line in report.Split('\n').Take(ReportLines))
        {
            await log.WriteLineAsync(line);
        }
    }

    private static async Task<string> RunAsync(string[] arguments)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        var start = new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-gcdump", arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet-gcdump did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
