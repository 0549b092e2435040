using System.ComponentModel.DataAnnotations;

namespace K2.ServiceDefaults.Telemetry;

/// <summary>Where each process serves its metrics and how often health results become metrics (<c>K2:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "K2:Telemetry";

    /// <summary>Path of the Prometheus scrape endpoint; the alert rules' scrape jobs point at it.</summary>
    [Required]
    [RegularExpression("^/.*", ErrorMessage = "K2:Telemetry:PrometheusScrapePath must start with '/'.")]
    public string PrometheusScrapePath { get; set; } = "/metrics";

    /// <summary>How often the health checks run to refresh <c>k2.health.status</c> (the checks themselves are cheap).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HealthPublishPeriod { get; set; } = TimeSpan.FromSeconds(30);
}
