using System.Diagnostics;
using System.Globalization;
using K2.Testing.Postgres;

namespace K2.ChaosTests.Harness;

/// <summary>
/// Cleans up after the test process however it ends (a crashed or killed test host runs no dispose): a detached shell
/// in its own session waits for this process to exit, then SIGKILLs every service process the run started (their pids are
/// appended to a file as they start) and stops the run's PostgreSQL server. The run directory is kept for its logs.
/// </summary>
public sealed class ChaosReaper
{
    private const string WatchScript = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1" 2>/dev/null; do sleep 1; done
        if [ -f "$2" ]; then while read -r pid; do kill -9 "$pid" 2>/dev/null; done < "$2"; fi
        bash "$3" stop "$4"
        """;

    private readonly string _pidFile;
    private readonly Lock _gate = new();

    private ChaosReaper(string pidFile) => _pidFile = pidFile;

    public static ChaosReaper Watch(string runDirectory, string postgresDataDirectory)
    {
        var pidFile = Path.Combine(runDirectory, "silo-pids");
        var startInfo = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--fork", "bash", "-c", WatchScript, "k2-chaos-reaper",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            pidFile,
            Path.Combine(RepositoryRoot.Find(), K2PostgresScript.RelativePath),
            postgresDataDirectory,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var setsid = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start setsid.");
        setsid.WaitForExit();
        return setsid.ExitCode == 0
            ? new ChaosReaper(pidFile)
            : throw new InvalidOperationException($"setsid exited with {setsid.ExitCode}; the chaos run's processes could outlive it.");
    }

    public void Track(int pid)
    {
        lock (_gate)
        {
            File.AppendAllText(_pidFile, pid.ToString(CultureInfo.InvariantCulture) + "\n");
        }
    }
}
