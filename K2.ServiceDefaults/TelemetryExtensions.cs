using K2.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// OpenTelemetry for every K2 process: traces (ASP.NET Core, HttpClient, Orleans grain calls, K2's own sources in
/// <see cref="K2ActivitySources"/>), metrics (the same
/// plus runtime, Orleans and every meter in <see cref="K2Instruments"/>) and logs; exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (Aspire sets it for the dashboard) and scraped by Prometheus always.
/// </summary>
public static class TelemetryExtensions
{
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // Read now, not through IOptions: the exporter and the trace filter are configured while the host is built.
        var section = builder.Configuration.GetSection(TelemetryOptions.SectionName);
        var telemetry = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOptions<TelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(OrleansTelemetry.Meter)
                .AddMeter([.. K2Instruments.MeterNames])
                .AddPrometheusExporter(prometheus =>
                {
                    prometheus.ScrapeEndpointPath = telemetry.PrometheusScrapePath;
                    // Pinned, not left to the exporter's default: alert rules and dashboards depend on these names.
                    prometheus.TranslationStrategy = PrometheusAspNetCoreTranslationStrategy.UnderscoreEscapingWithSuffixes;
                }))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource([.. OrleansTelemetry.ActivitySources])
                .AddSource([.. K2ActivitySources.All])
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !Extensions.IsInfrastructurePath(context.Request.Path, telemetry.PrometheusScrapePath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckPublisher, HealthStatusMetrics>());
        builder.Services.AddOptions<HealthCheckPublisherOptions>()
            .Configure<IOptions<TelemetryOptions>>((publisher, options) => publisher.Period = options.Value.HealthPublishPeriod);

        return builder;
    }

    /// <summary>Serves the process's metrics in the Prometheus text format at <see cref="TelemetryOptions.PrometheusScrapePath"/>.</summary>
    public static WebApplication MapK2ScrapeEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint(app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusScrapePath);
        return app;
    }
}
