using K2.ServiceDefaults.Telemetry;
using K2.Telemetry.Tests.Metrics;
using K2.Testing.Postgres;

namespace K2.Telemetry.Tests.Alerts;

/// <summary>
/// deploy/prometheus/k2-alerts.yml selects only series K2 really exports, with labels they really carry: checked
/// against a scrape of a host configured as every K2 process is, after every catalogued instrument has recorded.
/// </summary>
public sealed class AlertRulesTests
{
    // Added by Prometheus to every scraped series, and its own per-target series.
    private static readonly string[] TargetLabels = ["job", "instance"];
    private const string PrometheusUpSeries = "up";

    private static readonly string RulesFile = Path.Combine(RepositoryRoot.Find(), "deploy", "prometheus", "k2-alerts.yml");

    [Fact]
    public async Task Every_series_an_alert_selects_is_exported_with_the_labels_it_matches_and_groups_by()
    {
        var exported = await ScrapeEverythingAsync();
        var expressions = AlertExpressions.Read(RulesFile);
        Assert.NotEmpty(expressions);

        foreach (var expression in expressions)
        {
            var selectors = AlertExpressions.Selectors(expression).ToList();
            Assert.True(selectors.Count > 0, $"no metric selector found in: {expression}");
            var available = new HashSet<string>(TargetLabels, StringComparer.Ordinal);
            foreach (var (metric, labels) in selectors)
            {
                var metricLabels = metric == PrometheusUpSeries
                    ? new HashSet<string>()
                    : exported.TryGetValue(metric, out var seen) ? seen : throw new Xunit.Sdk.XunitException($"'{metric}' in '{expression}' is not exported by K2");
                available.UnionWith(metricLabels);
                Assert.All(labels, label => Assert.True(
                    TargetLabels.Contains(label) || metricLabels.Contains(label),
                    $"'{metric}' carries no label '{label}' (in: {expression})"));
            }

            Assert.All(AlertExpressions.GroupingLabels(expression), label => Assert.True(
                available.Contains(label), $"grouping by '{label}', which no selected series carries (in: {expression})"));

            // A bare k2_ name (no braces or range) would escape the selector check above; only labels may look like one.
            var selected = selectors.Select(s => s.Metric).Concat(available).ToHashSet(StringComparer.Ordinal);
            Assert.All(AlertExpressions.K2Names(expression), name => Assert.True(
                selected.Contains(name), $"'{name}' is neither a selected metric nor one of its labels (in: {expression})"));
        }
    }

    [Fact]
    public async Task Every_catalogued_series_is_what_the_exporter_serves()
    {
        var exported = await ScrapeEverythingAsync();

        Assert.All(K2Instruments.All.SelectMany(PrometheusNames.SeriesOf), name => Assert.Contains(name, exported.Keys));
    }

    [Fact]
    public void The_reader_finds_one_expression_per_rule_including_multi_line_ones()
    {
        var expressions = AlertExpressions.Read(RulesFile);
        var rules = File.ReadAllLines(RulesFile).Count(line => line.TrimStart().StartsWith("- alert:", StringComparison.Ordinal));

        Assert.Equal(rules, expressions.Count);
        Assert.Contains(expressions, e => e.Contains("histogram_quantile", StringComparison.Ordinal) && e.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every K2 instrument recorded once, plus ASP.NET Core's request metrics (a request must finish before the
    /// scrape that reports it), then the series and labels of a scrape.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ScrapeEverythingAsync()
    {
        await using var host = await ScrapedHost.StartAsync();
        await host.Emitters.RecordOnEveryInstrumentAsync();
        using var alive = await host.Http.GetAsync(new Uri("/alive", UriKind.Relative));
        return PrometheusScrape.Series(await host.ScrapeAsync());
    }
}
