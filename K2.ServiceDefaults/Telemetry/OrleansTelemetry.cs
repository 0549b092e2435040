namespace K2.ServiceDefaults.Telemetry;

/// <summary>The names Orleans reports telemetry under, which every process registers with OpenTelemetry.</summary>
public static class OrleansTelemetry
{
    /// <summary>
    /// Orleans' grain-call spans: application grains and runtime system targets. They exist only where the silo and
    /// client builders call <c>AddActivityPropagation()</c> (K2.Silo/Hosting, K2.Api/Extensions).
    /// </summary>
    public static IReadOnlyList<string> ActivitySources { get; } = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>The meter of Orleans' own runtime metrics (messaging, activations, grain calls).</summary>
    public const string Meter = "Microsoft.Orleans";
}
