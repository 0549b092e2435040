namespace K2.Telemetry.Tests.Metrics;

/// <summary>The series names in a Prometheus text-format scrape (comment lines skipped, labels and values dropped).</summary>
internal static class PrometheusScrape
{
    public static IReadOnlySet<string> SeriesNames(string body) =>
        body.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);
}
