using System.Diagnostics;

namespace K2.Testing.Postgres;

/// <summary>Runs <c>eng/postgres/k2-postgres.sh</c>, the one way K2 starts and stops local PostgreSQL servers.</summary>
public static class K2PostgresScript
{
    /// <summary>Script path relative to the repository root.</summary>
    public const string RelativePath = "eng/postgres/k2-postgres.sh";

    // The script bounds its own waits (30 s per start or stop) and may run initdb first; this only stops a hung
    // script from hanging the test run.
    private static readonly TimeSpan Backstop = TimeSpan.FromMinutes(2);

    /// <summary>Runs the script with <paramref name="arguments"/> and returns its standard output, trimmed.</summary>
    /// <exception cref="InvalidOperationException">The script failed; the message carries its standard error.</exception>
    public static string Run(params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot.Find(), RelativePath);
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start bash {script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Backstop))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{RelativePath} {string.Join(' ', arguments)} did not finish within {Backstop}.");
        }

        return process.ExitCode == 0
            ? output.Result.Trim()
            : throw new InvalidOperationException(
                $"{RelativePath} {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{error.Result}");
    }
}
