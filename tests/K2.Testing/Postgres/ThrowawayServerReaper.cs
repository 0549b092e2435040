using System.Diagnostics;
using System.Globalization;

namespace K2.Testing.Postgres;

/// <summary>
/// Stops and deletes a throwaway PostgreSQL server once the test process is gone, however it goes. A ProcessExit
/// handler is not enough: vstest kills a finished test host after about 100 ms (VSTEST_TESTHOST_SHUTDOWN_TIMEOUT),
/// less than a server shutdown takes, and a crashed or killed host runs no handlers at all. So a small detached
/// shell (its own session, so killing the host's process tree spares it) waits for this process to exit, then runs
/// <c>k2-postgres.sh stop</c> and removes the directory.
/// </summary>
internal static class ThrowawayServerReaper
{
    private const string WatchScript = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
        bash "$2" stop "$3"
        rm -rf -- "$4"
        """;

    public static void CleanUpAfterThisProcess(string dataDirectory, string rootDirectory)
    {
        var startInfo = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--fork", "bash", "-c", WatchScript, "k2-test-postgres-reaper",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            Path.Combine(RepositoryRoot.Find(), K2PostgresScript.RelativePath),
            dataDirectory,
            rootDirectory,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var setsid = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start setsid.");
        // setsid --fork returns as soon as the detached shell exists.
        setsid.WaitForExit();
        if (setsid.ExitCode != 0)
        {
            throw new InvalidOperationException($"setsid exited with {setsid.ExitCode}; the throwaway server in {rootDirectory} would outlive the tests.");
        }
    }
}
