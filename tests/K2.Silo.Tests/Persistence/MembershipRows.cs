using K2.Testing.Postgres;

namespace K2.Silo.Tests.Persistence;

/// <summary>Reads the membership table directly, to check what the ADO.NET provider wrote.</summary>
internal static class MembershipRows
{
    /// <summary>Orleans' SiloStatus.Active as stored in the status column.</summary>
    public const int Active = 3;

    /// <summary>Orleans' SiloStatus.Dead as stored in the status column.</summary>
    public const int Dead = 6;

    public static Task<IReadOnlyList<int>> StatusesAsync(TestDatabase database, string clusterId) =>
        database.QueryAsync(
            "SELECT status FROM orleans_membership WHERE deploymentid = @clusterId ORDER BY status",
            row => row.GetInt32(0),
            ("clusterId", clusterId));
}
