using System.Diagnostics.Metrics;
using K2.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace K2.Telemetry.Tests.Metrics;

/// <summary>
/// A web host configured exactly as every K2 process is (<c>AddServiceDefaults</c>, <c>MapDefaultEndpoints</c>) on
/// an in-memory test server, with K2's real emitters created on its meter factory.
/// </summary>
internal sealed class ScrapedHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScrapedHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
        // The health publisher the service defaults registered, so the scrape proves that wiring too.
        Emitters = new K2Emitters(
            app.Services.GetRequiredService<IMeterFactory>(),
            app.Services.GetServices<IHealthCheckPublisher>().OfType<HealthStatusMetrics>().Single());
    }

    public HttpClient Http { get; }

    public K2Emitters Emitters { get; }

    public static async Task<ScrapedHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return new ScrapedHost(app, app.GetTestClient());
    }

    public async Task<string> ScrapeAsync(string path = "/metrics") =>
        await Http.GetStringAsync(new Uri(path, UriKind.Relative));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }
}
