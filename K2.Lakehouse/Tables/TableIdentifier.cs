namespace K2.Lakehouse.Tables;

/// <summary>A table's name in the catalog: a single-level namespace and a table name.</summary>
public sealed record TableIdentifier(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}.{Name}";
}
