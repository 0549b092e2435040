using System.Diagnostics;

namespace K2.Lakehouse.Diagnostics;

/// <summary>The lakehouse's spans; the service defaults listen to <see cref="ActivitySourceName"/>.</summary>
public static class LakehouseTracing
{
    public const string ActivitySourceName = "K2.Lakehouse";

    /// <summary>One append to an Iceberg table: manifest, manifest list, metadata file and the catalog's pointer swap.</summary>
    public const string CommitSpanName = "iceberg commit";

    internal static ActivitySource Source { get; } = new(ActivitySourceName);
}
