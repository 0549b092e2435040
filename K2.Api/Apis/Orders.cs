namespace K2.Api.Apis;

/// <summary>The names of the two page orders on the wire.</summary>
internal static class Orders
{
    public static string Name(bool descending) => descending ? "desc" : "asc";
}
