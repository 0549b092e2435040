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

    [Fact]
    public async Task Grain_state_payloads_are_stored_without_compression()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Installer(database).InstallAsync();

        // Zeros compress to almost nothing, so a stored size of the whole payload shows no compression was applied.
        const int payloadBytes = 64 * 1024;
        await database.QueryAsync(
            "SELECT k2_orleans_write_grain_state(1, 0, 0, 2, 'integrity', 'BINANCE/BTCUSDT', 'k2', NULL, @payload)",
            row => row.GetInt32(0),
            ("payload", new byte[payloadBytes]));

        var stored = await database.QueryAsync(
            "SELECT pg_column_size(payloadbinary) FROM orleans_grain_state", row => row.GetInt32(0));
        Assert.True(stored.Single() >= payloadBytes, $"stored {stored.Single()} bytes for a {payloadBytes}-byte payload");
        Assert.Equal(["e"], await database.QueryAsync(
            "SELECT attstorage::text FROM pg_attribute WHERE attrelid = 'orleans_grain_state'::regclass AND attname = 'payloadbinary'",
            row => row.GetString(0)));
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
