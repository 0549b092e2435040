using K2.Silo.Persistence;
using K2.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2.Silo.Tests.Persistence;

public sealed class OrleansSchemaInstallerTests
{
    // Query keys Microsoft.Orleans.*.AdoNet 10.4.2 load from OrleansQuery. The providers refuse to start when a
    // required one is missing (DeleteStorageKey is optional: only DeleteStateOnClear storages need it).
    private static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    private static readonly string[] StorageKeys = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static readonly string[] Tables =
        ["orleans_grain_state", "orleans_membership", "orleans_membership_version", "orleans_reminder", "orleansquery"];

    [Fact]
    public async Task Installs_twice_in_a_row_and_creates_the_tables_and_every_query_key()
    {
        await using var database = await TestDatabase.CreateAsync();
        var installer = Installer(database);

        await installer.InstallAsync();
        await installer.InstallAsync();

        Assert.Equal(Tables, await TablesAsync(database));
        Assert.Equal(
            ClusteringKeys.Concat(StorageKeys).Concat(ReminderKeys).Order(StringComparer.Ordinal),
            await QueryKeysAsync(database));
    }

    [Fact]
    public async Task Two_installers_starting_together_on_an_empty_database_both_succeed()
    {
        await using var database = await TestDatabase.CreateAsync();

        await Task.WhenAll(Installer(database).InstallAsync(), Installer(database).InstallAsync());

        Assert.Equal(Tables, await TablesAsync(database));
        Assert.Equal(ClusteringKeys.Length + StorageKeys.Length + ReminderKeys.Length, (await QueryKeysAsync(database)).Count);
    }

    private static OrleansSchemaInstaller Installer(TestDatabase database) =>
        new(database.ConnectionString, new OrleansSchemaOptions(), NullLogger<OrleansSchemaInstaller>.Instance);

    private static Task<IReadOnlyList<string>> TablesAsync(TestDatabase database) => database.QueryAsync(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name COLLATE \"C\"",
        row => row.GetString(0));

    private static Task<IReadOnlyList<string>> QueryKeysAsync(TestDatabase database) => database.QueryAsync(
        "SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\"",
        row => row.GetString(0));
}
