using System.Text.RegularExpressions;

namespace K2.Telemetry.Tests.Metrics;

/// <summary>The series of a Prometheus text-format scrape: each name with the label names it carries.</summary>
internal static partial class PrometheusScrape
{
    public static IReadOnlySet<string> SeriesNames(string body) => Series(body).Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Series name to the union of label names seen on its samples (comment lines skipped).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Series(string body)
    {
        var series = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in body.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')))
        {
            var nameEnd = line.IndexOfAny(['{', ' ']);
            var name = line[..nameEnd];
            if (!series.TryGetValue(name, out var labels))
            {
                series[name] = labels = new HashSet<string>(StringComparer.Ordinal);
            }

            if (line[nameEnd] == '{')
            {
                labels.UnionWith(LabelName().Matches(line[nameEnd..]).Select(match => match.Groups[1].Value));
            }
        }

        return series.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value, StringComparer.Ordinal);
    }

    // A label and its quoted value; values may hold braces and commas (http_route="/v1/symbols/{exchange}/...").
    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"[,}]""")]
    private static partial Regex LabelName();
}
