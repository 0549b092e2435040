namespace K2.Lakehouse.Catalog;

/// <summary>
/// SQL of the catalog tables shared by Java's <c>JdbcCatalog</c> (schema "V0") and pyiceberg's <c>SqlCatalog</c>,
/// so those engines can open K2's tables from the same database. All values are bound as parameters.
/// </summary>
internal static class CatalogSql
{
    /// <summary>Serialises concurrent first-time schema creation (CREATE TABLE IF NOT EXISTS can still race in PostgreSQL).</summary>
    public const string LockSchema = "SELECT pg_advisory_xact_lock(hashtext('k2.iceberg-catalog-schema'))";

    public const string CreateTables = """
        CREATE TABLE IF NOT EXISTS iceberg_tables (
            catalog_name VARCHAR(255) NOT NULL,
            table_namespace VARCHAR(255) NOT NULL,
            table_name VARCHAR(255) NOT NULL,
            metadata_location VARCHAR(1000),
            previous_metadata_location VARCHAR(1000),
            PRIMARY KEY (catalog_name, table_namespace, table_name))
        """;

    public const string CreateNamespaceProperties = """
        CREATE TABLE IF NOT EXISTS iceberg_namespace_properties (
            catalog_name VARCHAR(255) NOT NULL,
            namespace VARCHAR(255) NOT NULL,
            property_key VARCHAR(255),
            property_value VARCHAR(1000),
            PRIMARY KEY (catalog_name, namespace, property_key))
        """;

    /// <summary>Both implementations mark an empty namespace with the property <c>exists=true</c>.</summary>
    public const string InsertNamespace = """
        INSERT INTO iceberg_namespace_properties (catalog_name, namespace, property_key, property_value)
        VALUES (@catalog, @namespace, 'exists', 'true')
        ON CONFLICT (catalog_name, namespace, property_key) DO NOTHING
        """;

    public const string SelectMetadataLocation = """
        SELECT metadata_location FROM iceberg_tables
        WHERE catalog_name = @catalog AND table_namespace = @namespace AND table_name = @table
        """;

    public const string InsertTable = """
        INSERT INTO iceberg_tables (catalog_name, table_namespace, table_name, metadata_location, previous_metadata_location)
        VALUES (@catalog, @namespace, @table, @location, NULL)
        ON CONFLICT (catalog_name, table_namespace, table_name) DO NOTHING
        """;

    /// <summary>The commit: succeeds only if nobody moved the pointer since <c>@expected</c> was read.</summary>
    public const string SwapMetadataLocation = """
        UPDATE iceberg_tables
        SET metadata_location = @next, previous_metadata_location = @expected
        WHERE catalog_name = @catalog AND table_namespace = @namespace AND table_name = @table
          AND metadata_location = @expected
        """;
}
