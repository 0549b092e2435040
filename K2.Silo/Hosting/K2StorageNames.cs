namespace K2.Silo.Hosting;

/// <summary>Names of the Orleans storage providers K2 registers.</summary>
public static class K2StorageNames
{
    /// <summary>Grain storage for symbol grains' integrity state (ADO.NET on PostgreSQL).</summary>
    public const string Symbols = "symbols";
}
