using System.Text.Json;
using Avro.Generic;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;

namespace K2.Lakehouse.Tests;

/// <summary>
/// The metadata files are checked structurally against the v2 spec, reading them with generic tools (JSON DOM,
/// Apache.Avro's generic reader) rather than K2's own readers.
/// </summary>
public sealed class MetadataFormatTests : IAsyncLifetime
{
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await LakehouseHarness.CreateAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Metadata_json_has_every_field_a_v2_table_requires()
    {
        await _lakehouse.CreateTradesAsync();
        var first = MarketDataSamples.Trades(2);
        var second = MarketDataSamples.Trades(1, firstId: 500);
        await _lakehouse.AppendTradesAsync(first);
        var (result, _) = await _lakehouse.AppendTradesAsync(second);

        using var json = JsonDocument.Parse(await ReadAllAsync(result.Table.MetadataLocation));
        var root = json.RootElement;

        Assert.Matches(@"/metadata/00002-[0-9a-f-]{36}\.metadata\.json$", result.Table.MetadataLocation);
        Assert.Equal(2, root.GetProperty("format-version").GetInt32());
        Assert.True(Guid.TryParse(root.GetProperty("table-uuid").GetString(), out _));
        Assert.StartsWith("file:///", root.GetProperty("location").GetString());
        Assert.Equal(2, root.GetProperty("last-sequence-number").GetInt64());
        Assert.True(root.GetProperty("last-updated-ms").GetInt64() > 0);
        Assert.Equal(18, root.GetProperty("last-column-id").GetInt32());
        Assert.Equal(0, root.GetProperty("current-schema-id").GetInt32());
        Assert.Equal(0, root.GetProperty("schemas")[0].GetProperty("schema-id").GetInt32());
        Assert.Equal(0, root.GetProperty("default-spec-id").GetInt32());
        Assert.Equal(1001, root.GetProperty("last-partition-id").GetInt32());
        Assert.Equal(["identity", "day"], root.GetProperty("partition-specs")[0].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("transform").GetString()));
        Assert.Equal(1, root.GetProperty("default-sort-order-id").GetInt32());
        Assert.Equal([3, 6], root.GetProperty("sort-orders")[0].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("source-id").GetInt32()));
        Assert.Equal(JsonValueKind.Object, root.GetProperty("properties").ValueKind);
        var current = root.GetProperty("current-snapshot-id").GetInt64();
        Assert.Equal(current, root.GetProperty("refs").GetProperty("main").GetProperty("snapshot-id").GetInt64());
        Assert.Equal("branch", root.GetProperty("refs").GetProperty("main").GetProperty("type").GetString());

        var snapshots = root.GetProperty("snapshots").EnumerateArray().ToList();
        Assert.Equal(2, snapshots.Count);
        Assert.False(snapshots[0].TryGetProperty("parent-snapshot-id", out _));
        Assert.Equal(snapshots[0].GetProperty("snapshot-id").GetInt64(), snapshots[1].GetProperty("parent-snapshot-id").GetInt64());
        foreach (var snapshot in snapshots)
        {
            Assert.True(snapshot.GetProperty("snapshot-id").GetInt64() > 0);
            Assert.True(snapshot.GetProperty("sequence-number").GetInt64() > 0);
            Assert.True(snapshot.GetProperty("timestamp-ms").GetInt64() > 0);
            Assert.EndsWith(".avro", snapshot.GetProperty("manifest-list").GetString());
            Assert.Equal(0, snapshot.GetProperty("schema-id").GetInt32());
            var summary = snapshot.GetProperty("summary");
            Assert.Equal("append", summary.GetProperty("operation").GetString());
            foreach (var counter in new[] { "added-data-files", "added-records", "added-files-size", "total-records", "total-data-files", "total-files-size", "total-delete-files", "total-position-deletes", "total-equality-deletes", "changed-partition-count" })
            {
                Assert.True(long.TryParse(summary.GetProperty(counter).GetString(), out _), counter);
            }
        }

        Assert.Equal((first.Count + second.Count).ToString(System.Globalization.CultureInfo.InvariantCulture), snapshots[1].GetProperty("summary").GetProperty("total-records").GetString());
        Assert.Equal(2, root.GetProperty("snapshot-log").GetArrayLength());
        Assert.Equal(2, root.GetProperty("metadata-log").GetArrayLength());
        Assert.EndsWith(".metadata.json", root.GetProperty("metadata-log")[1].GetProperty("metadata-file").GetString());
    }

    [Fact]
    public async Task Manifests_carry_the_required_key_value_metadata_and_field_ids()
    {
        await _lakehouse.CreateTradesAsync();
        var (result, files) = await _lakehouse.AppendTradesAsync(MarketDataSamples.Trades(2));
        var manifestPath = (await ManifestListReader.ReadAsync(_lakehouse.Storage, result.Table.Metadata.CurrentSnapshot!.ManifestList, CancellationToken.None)).Single().Path;

        var (metadata, schema, records) = await AvroFiles.ReadAsync(_lakehouse.Storage, manifestPath);

        Assert.Equal("0", metadata["schema-id"]);
        Assert.Equal("0", metadata["partition-spec-id"]);
        Assert.Equal("2", metadata["format-version"]);
        Assert.Equal("data", metadata["content"]);
        Assert.Equal(0, JsonDocument.Parse(metadata["schema"]).RootElement.GetProperty("schema-id").GetInt32());
        Assert.Equal([1000, 1001], JsonDocument.Parse(metadata["partition-spec"]).RootElement.EnumerateArray().Select(f => f.GetProperty("field-id").GetInt32()));
        // Apache.Avro drops logicalType from arrays when re-serialising, so check the raw header for the map annotation.
        Assert.Contains("\"logicalType\":\"map\"", metadata["avro.schema"], StringComparison.Ordinal);

        Assert.Equal([0, 1, 3, 4, 2], schema.Fields.Select(FieldId));
        var dataFile = (Avro.RecordSchema)schema["data_file"].Schema;
        Assert.Equal([134, 100, 101, 102, 103, 104, 108, 109, 110, 137, 125, 128, 131, 132, 135, 140], dataFile.Fields.Select(FieldId));
        var partition = (Avro.RecordSchema)dataFile["partition"].Schema;
        Assert.Equal([1000, 1001], partition.Fields.Select(FieldId));
        var lowerBounds = (Avro.ArraySchema)((Avro.UnionSchema)dataFile["lower_bounds"].Schema).Schemas[1];
        Assert.Equal([126, 127], ((Avro.RecordSchema)lowerBounds.ItemSchema).Fields.Select(FieldId));

        Assert.Equal(files.Count, records.Count);
        foreach (var record in records)
        {
            Assert.Equal(1, record["status"]);
            Assert.Null(record["snapshot_id"]);        // inherited from the manifest list
            Assert.Null(record["sequence_number"]);    // inherited, so the manifest survives commit retries
            var file = (GenericRecord)record["data_file"];
            var written = files.Single(f => f.Location == (string)file["file_path"]);
            Assert.Equal("PARQUET", file["file_format"]);
            Assert.Equal(written.RecordCount, file["record_count"]);
            var partitionValue = (GenericRecord)file["partition"];
            Assert.Equal(written.Partition[0], partitionValue["exchange"]);
            Assert.Equal(DateTime.UnixEpoch.AddDays((int)written.Partition[1]!), partitionValue["timestamp_day"]);
            var bounds = ((object[])file["lower_bounds"]).Cast<GenericRecord>().ToDictionary(e => (int)e["key"], e => (byte[])e["value"]);
            Assert.Equal(written.LowerBounds[TradeFields.Symbol], bounds[TradeFields.Symbol]);
        }
    }

    [Fact]
    public async Task Manifest_list_has_field_ids_sequence_numbers_and_partition_summaries()
    {
        await _lakehouse.CreateTradesAsync();
        await _lakehouse.AppendTradesAsync(MarketDataSamples.Trades(2));
        var (result, _) = await _lakehouse.AppendTradesAsync(MarketDataSamples.Trades(1, firstId: 500).Where(t => t.Exchange == "ASX").ToList());
        var snapshot = result.Table.Metadata.CurrentSnapshot!;

        var (metadata, schema, records) = await AvroFiles.ReadAsync(_lakehouse.Storage, snapshot.ManifestList);

        Assert.Equal(snapshot.SnapshotId.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata["snapshot-id"]);
        Assert.Equal("2", metadata["sequence-number"]);
        Assert.Equal([500, 501, 502, 517, 515, 516, 503, 504, 505, 506, 512, 513, 514, 507, 519], schema.Fields.Select(FieldId));
        Assert.Equal(2, records.Count);
        Assert.Equal([2L, 1L], records.Select(r => (long)r["sequence_number"]));
        Assert.Equal(snapshot.SnapshotId, records[0]["added_snapshot_id"]);
        Assert.Equal(snapshot.ParentSnapshotId, records[1]["added_snapshot_id"]);
        var summaries = ((object[])records[0]["partitions"]).Cast<GenericRecord>().ToList();
        Assert.Equal("ASX", SingleValue.Deserialize(PrimitiveType.String, (byte[])summaries[0]["lower_bound"]));
        Assert.Equal("ASX", SingleValue.Deserialize(PrimitiveType.String, (byte[])summaries[0]["upper_bound"]));
        var olderSummaries = ((object[])records[1]["partitions"]).Cast<GenericRecord>().ToList();
        Assert.Equal("BINANCE", SingleValue.Deserialize(PrimitiveType.String, (byte[])olderSummaries[0]["upper_bound"]));
        Assert.Equal(Transform.DayOf(K2.Contracts.Model.UtcMicros.ToMicros(MarketDataSamples.Day2)), SingleValue.Deserialize(PrimitiveType.Date, (byte[])olderSummaries[1]["upper_bound"]));
        Assert.False((bool)olderSummaries[1]["contains_null"]);
    }

    [Fact]
    public async Task Catalog_rows_follow_the_shared_sql_catalog_schema()
    {
        var created = await _lakehouse.CreateTradesAsync();
        var (result, _) = await _lakehouse.AppendTradesAsync(MarketDataSamples.Trades(1));

        await using var command = _lakehouse.DataSource.CreateCommand(
            "SELECT catalog_name, table_namespace, table_name, metadata_location, previous_metadata_location FROM iceberg_tables");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(
            ("k2_test", "market_data", "trades", result.Table.MetadataLocation, created.MetadataLocation),
            (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        Assert.False(await reader.ReadAsync());
        await using var properties = _lakehouse.DataSource.CreateCommand(
            "SELECT property_value FROM iceberg_namespace_properties WHERE catalog_name = 'k2_test' AND namespace = 'market_data' AND property_key = 'exists'");
        Assert.Equal("true", await properties.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Creating_a_table_is_idempotent_and_safe_when_two_creators_race()
    {
        await using var second = _lakehouse.SecondWriter();

        var raced = await Task.WhenAll(
            Task.Run(() => _lakehouse.CreateTradesAsync()),
            Task.Run(() => second.CreateTradesAsync()));
        var again = await _lakehouse.CreateTradesAsync();

        Assert.Equal(raced[0].Metadata.TableUuid, raced[1].Metadata.TableUuid);
        Assert.Equal(raced[0].MetadataLocation, raced[1].MetadataLocation);
        Assert.Equal(raced[0].MetadataLocation, again.MetadataLocation);
        await using var count = _lakehouse.DataSource.CreateCommand("SELECT count(*) FROM iceberg_tables");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
        var metadataFiles = new List<string>();
        await foreach (var file in _lakehouse.Storage.ListAsync($"{again.Metadata.Location}/metadata/", CancellationToken.None))
        {
            metadataFiles.Add(file);
        }

        Assert.Equal([again.MetadataLocation], metadataFiles); // the loser removed its own first metadata file
    }

    [Fact]
    public async Task Loading_a_missing_table_fails_clearly()
    {
        var missing = await Assert.ThrowsAsync<K2.Lakehouse.Catalog.NoSuchTableException>(
            () => _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Quotes, CancellationToken.None));
        Assert.Equal(MarketDataTables.Quotes, missing.Table);
    }

    [Fact]
    public async Task Metadata_json_round_trips_through_the_reader()
    {
        await _lakehouse.CreateTradesAsync();
        var (result, _) = await _lakehouse.AppendTradesAsync(MarketDataSamples.Trades(1));

        var reread = K2.Lakehouse.Iceberg.Json.TableMetadataJson.Read(await ReadAllAsync(result.Table.MetadataLocation));

        Assert.Equal(K2.Lakehouse.Iceberg.Json.TableMetadataJson.Write(result.Table.Metadata), K2.Lakehouse.Iceberg.Json.TableMetadataJson.Write(reread));
    }

    private static int FieldId(Avro.Field field) => int.Parse(field.GetProperty("field-id")!, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<byte[]> ReadAllAsync(string location)
    {
        await using var content = await _lakehouse.Storage.OpenReadAsync(location, CancellationToken.None);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
