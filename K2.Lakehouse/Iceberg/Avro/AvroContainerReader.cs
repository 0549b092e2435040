using Avro.File;
using Avro.Generic;

namespace K2.Lakehouse.Iceberg.Avro;

/// <summary>Reads all records and the key-value metadata of an Avro container file.</summary>
internal static class AvroContainerReader
{
    public static (IReadOnlyDictionary<string, string> Metadata, List<GenericRecord> Records) Read(Stream content)
    {
        using var reader = DataFileReader<GenericRecord>.OpenReader(content, leaveOpen: true);
        var metadata = reader.GetMetaKeys().ToDictionary(key => key, reader.GetMetaString, StringComparer.Ordinal);
        var records = reader.NextEntries.ToList();
        return (metadata, records);
    }
}
