using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The <c>/health</c> body: the overall status and each check's status and description, so a Degraded or Unhealthy
/// answer says why (e.g. the silo's <c>ingest</c> check naming the failing flush). Exceptions are not written: the
/// description is the part meant for operators. The HTTP status stays the framework's (200 for Healthy and Degraded,
/// 503 for Unhealthy), which is what probes act on.
/// </summary>
internal static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
