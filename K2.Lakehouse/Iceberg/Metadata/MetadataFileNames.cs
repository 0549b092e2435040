using System.Globalization;

namespace K2.Lakehouse.Iceberg.Metadata;

/// <summary>
/// Metadata file naming for metastore tables (spec: Metastore Tables): <c>&lt;V&gt;-&lt;uuid&gt;.metadata.json</c>,
/// with V zero-padded to five digits as the Java implementation does, so its version parsing works on K2 tables.
/// </summary>
public static class MetadataFileNames
{
    public static string For(int version, Guid unique) =>
        $"{version.ToString("D5", CultureInfo.InvariantCulture)}-{unique:D}.metadata.json";

    /// <summary>The version number of a metadata file location, or -1 when the name does not carry one.</summary>
    public static int VersionOf(string location)
    {
        var name = location[(location.LastIndexOf('/') + 1)..];
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }
}
