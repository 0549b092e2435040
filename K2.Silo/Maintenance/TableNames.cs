using K2.Lakehouse.Tables;

namespace K2.Silo.Maintenance;

/// <summary>Table names in configuration and grain keys: <c>namespace.table</c>, as Iceberg tools print them.</summary>
internal static class TableNames
{
    public static bool IsValid(string name)
    {
        var parts = name.Split('.');
        return parts.Length == 2 && parts.All(p => p.Length > 0);
    }

    public static TableIdentifier Parse(string name) =>
        IsValid(name)
            ? new TableIdentifier(name[..name.IndexOf('.', StringComparison.Ordinal)], name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..])
            : throw new ArgumentException($"'{name}' is not a table name of the form namespace.table.", nameof(name));
}
