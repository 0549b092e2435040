using K2.Testing.Postgres;

namespace K2.Silo.Tests.Persistence;

/// <summary>Reads the reminder table directly, to check what the ADO.NET provider wrote.</summary>
internal static class ReminderRows
{
    public static Task<IReadOnlyList<(string Name, int Version)>> ForServiceAsync(TestDatabase database, string serviceId) =>
        database.QueryAsync(
            "SELECT remindername, version FROM orleans_reminder WHERE serviceid = @serviceId ORDER BY remindername COLLATE \"C\"",
            row => (row.GetString(0), row.GetInt32(1)),
            ("serviceId", serviceId));
}
