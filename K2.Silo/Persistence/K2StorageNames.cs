namespace K2.Silo.Persistence;

/// <summary>
/// Names of the grain storage providers a K2 silo registers; grains refer to them in
/// <c>[PersistentState(stateName, storageName)]</c>.
/// </summary>
public static class K2StorageNames
{
    /// <summary>Per-symbol grain state (integrity tracking), kept in PostgreSQL.</summary>
    public const string Symbols = "symbols";
}
