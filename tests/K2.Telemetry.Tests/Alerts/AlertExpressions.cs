using System.Text.RegularExpressions;

namespace K2.Telemetry.Tests.Alerts;

/// <summary>
/// The PromQL expressions of a Prometheus rules file and what they select. A line-based reader, enough for the
/// rules file's own layout (<c>expr: ...</c> on one line or as a <c>|</c> block); promtool checks the full syntax.
/// </summary>
internal static partial class AlertExpressions
{
    public static IReadOnlyList<string> Read(string rulesFile)
    {
        var lines = File.ReadAllLines(rulesFile);
        var expressions = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (!trimmed.StartsWith("expr:", StringComparison.Ordinal))
            {
                continue;
            }

            var inline = trimmed["expr:".Length..].Trim();
            if (inline != "|")
            {
                expressions.Add(inline);
                continue;
            }

            var indent = lines[i].Length - trimmed.Length;
            var block = new List<string>();
            while (i + 1 < lines.Length && (lines[i + 1].Length - lines[i + 1].TrimStart().Length > indent || lines[i + 1].Trim().Length == 0))
            {
                block.Add(lines[++i].Trim());
            }

            expressions.Add(string.Join(' ', block).Trim());
        }

        return expressions;
    }

    /// <summary>Each metric selector: a name followed by <c>{matchers}</c> and/or a <c>[range]</c>, with its matcher label names.</summary>
    public static IEnumerable<(string Metric, IReadOnlyList<string> Labels)> Selectors(string expression) =>
        Selector().Matches(expression).Select(match => (
            match.Groups["name"].Value,
            (IReadOnlyList<string>)MatcherLabel().Matches(match.Groups["matchers"].Value).Select(label => label.Groups[1].Value).ToList()));

    /// <summary>Every <c>k2_</c> name in the expression, selector or not, so a bare metric name cannot slip past.</summary>
    public static IEnumerable<string> K2Names(string expression) =>
        K2Name().Matches(expression).Select(match => match.Value);

    /// <summary>The label names of every <c>by (...)</c> grouping.</summary>
    public static IEnumerable<string> GroupingLabels(string expression) =>
        Grouping().Matches(expression).SelectMany(match => match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("""(?<![\w:"$.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<matchers>[^}]*)\}(?:\[[^\]]+\])?|\[[^\]]+\])""")]
    private static partial Regex Selector();

    [GeneratedRegex(""""([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*"[^"]*"""")]
    private static partial Regex MatcherLabel();

    [GeneratedRegex(@"(?<![\w""])k2_[a-z0-9_]+")]
    private static partial Regex K2Name();

    [GeneratedRegex("""\bby\s*\(([^)]*)\)""")]
    private static partial Regex Grouping();
}
