using System.Globalization;
using System.Text;
using System.Text.Json;
using K2.ChaosTests.Harness;
using K2.Testing.Postgres;

namespace K2.ChaosTests.Reporting;

/// <summary>
/// Collects the scenario results of a run and rewrites, after each scenario, <c>chaos-report.json</c> (machine-readable)
/// and <c>chaos-report.txt</c> (the printed table) in <c>artifacts/chaos</c> or <see cref="ChaosSettings.ReportDirectoryVariable"/>.
/// </summary>
public static class ChaosReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly Lock Gate = new();
    private static readonly List<ScenarioResult> Results = [];

    /// <summary>True when every scenario reported so far passed (and at least one did).</summary>
    public static bool AllPassed
    {
        get
        {
            lock (Gate)
            {
                return Results.Count > 0 && Results.All(result => result.Passed);
            }
        }
    }

    public static string Directory =>
        Environment.GetEnvironmentVariable(ChaosSettings.ReportDirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot.Find(), "artifacts", "chaos");

    /// <summary>Adds <paramref name="result"/> and returns the table of every result so far.</summary>
    public static string Add(ScenarioResult result, ChaosEnvironment environment)
    {
        lock (Gate)
        {
            Results.RemoveAll(existing => existing.Scenario == result.Scenario);
            Results.Add(result);
            System.IO.Directory.CreateDirectory(Directory);
            var report = new
            {
                GeneratedAt = DateTimeOffset.UtcNow,
                Mode = environment.Settings.IsLongMode ? "long" : "short",
                ScenarioLoadSeconds = environment.Settings.Duration.TotalSeconds,
                environment.Settings.TradesPerSecond,
                environment.RunDirectory,
                environment.UnexpectedExits,
                Scenarios = Results,
            };
            File.WriteAllText(Path.Combine(Directory, "chaos-report.json"), JsonSerializer.Serialize(report, Json));
            var table = Table();
            File.WriteAllText(Path.Combine(Directory, "chaos-report.txt"), table);
            return table;
        }
    }

    private static string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"scenario",-26} {"seed",11} {"offered",8} {"acked",8} {"iceberg",8} {"duckdb",8} {"dup",4} {"lost",5} {"grains",6} {"worst recovery",14} {"drain",7} faults");
        foreach (var r in Results)
        {
            var recovery = r.WorstRecoverySeconds is { } seconds ? $"{seconds:F1} s" : "-";
            var faults = string.Join(", ", r.FaultsInjected.Select(f => $"{f.Key}={f.Value}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Scenario,-26} {r.Seed,11} {r.Offered,8} {r.Acknowledged,8} {r.InIcebergByK2Reader,8} {r.InIcebergByDuckDb,8} {r.Duplicates,4} {r.Losses,5} {(r.GrainsAgreeWithTable ? "agree" : "DIFFER"),6} {recovery,14} {r.DrainSeconds,5:F1} s {faults}");
        }

        return text.ToString();
    }
}
