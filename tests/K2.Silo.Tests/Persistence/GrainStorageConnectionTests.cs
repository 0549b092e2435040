using K2.Silo.Persistence;
using K2.Testing.Postgres;
using Npgsql;

namespace K2.Silo.Tests.Persistence;

public sealed class GrainStorageConnectionTests
{
    [Fact]
    public void Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        const string Database = "Host=127.0.0.1;Port=5432;Username=postgres";

        Assert.Equal(GrainStorageConnection.MaxAutoPrepare, new NpgsqlConnectionStringBuilder(GrainStorageConnection.For(Database)).MaxAutoPrepare);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(GrainStorageConnection.For(Database + ";Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(GrainStorageConnection.For(Database + ";max auto prepare=5")).MaxAutoPrepare);
        Assert.Equal("postgres", new NpgsqlConnectionStringBuilder(GrainStorageConnection.For(Database)).Username);
    }

    [Fact]
    public async Task A_statement_run_repeatedly_on_one_of_its_connections_is_prepared_on_the_server()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var source = NpgsqlDataSource.Create(GrainStorageConnection.For(database.ConnectionString));
        await using var connection = await source.OpenConnectionAsync();
        for (var i = 0; i < 10; i++)
        {
            await using var command = new NpgsqlCommand("SELECT @value::int + 1", connection);
            command.Parameters.AddWithValue("value", i);
            Assert.Equal(i + 1, await command.ExecuteScalarAsync());
        }

        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int + 1%'", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }
}
