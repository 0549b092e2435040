using K2.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace K2.Telemetry.Tests.Metrics;

/// <summary>Every process serves its metrics for Prometheus, under the names the alert rules use.</summary>
public sealed class ScrapeEndpointTests
{
    [Fact]
    public async Task The_scrape_endpoint_serves_every_catalogued_K2_instrument_under_its_Prometheus_name()
    {
        await using var host = await ScrapedHost.StartAsync();
        await host.Emitters.RecordOnEveryInstrumentAsync();

        var series = PrometheusScrape.SeriesNames(await host.ScrapeAsync());

        var missing = K2Instruments.All.SelectMany(PrometheusNames.SeriesOf).Where(name => !series.Contains(name)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Labels_carry_the_catalogued_tags()
    {
        await using var host = await ScrapedHost.StartAsync();
        await host.Emitters.RecordOnEveryInstrumentAsync();

        var body = await host.ScrapeAsync();

        Assert.Contains("k2_silo_ingest_messages_total{otel_scope_name=\"K2.Silo\",topic=\"k2.trades.binance\"}", body, StringComparison.Ordinal);
        Assert.Contains("k2_health_status{otel_scope_name=\"K2.Health\",check=\"postgres\"} 0", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scrape_path_comes_from_configuration()
    {
        await using var host = await ScrapedHost.StartAsync(new Dictionary<string, string?>
        {
            ["K2:Telemetry:PrometheusScrapePath"] = "/internal/metrics",
        });
        await host.Emitters.RecordOnEveryInstrumentAsync();

        Assert.Contains("k2_binance_trades_published_total", await host.ScrapeAsync("/internal/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scrape_path_that_is_not_a_path_stops_the_process_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ScrapedHost.StartAsync(new Dictionary<string, string?>
        {
            ["K2:Telemetry:PrometheusScrapePath"] = "metrics",
        }));

        Assert.Contains("K2:Telemetry:PrometheusScrapePath", error.Message, StringComparison.Ordinal);
    }
}
