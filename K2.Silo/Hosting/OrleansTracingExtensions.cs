namespace K2.Silo.Hosting;

/// <summary>Makes grain calls part of the caller's trace.</summary>
public static class OrleansTracingExtensions
{
    /// <summary>
    /// Orleans' activity propagation: each grain call carries the caller's trace context and gets its own span
    /// (sources <c>Microsoft.Orleans.Application</c>/<c>Runtime</c>, which the service defaults listen to). Without it
    /// a trace stops at the process boundary. Clients need the same call (K2.Api's Orleans client does).
    /// </summary>
    public static ISiloBuilder UseK2Tracing(this ISiloBuilder silo) => silo.AddActivityPropagation();
}
