using Avro.File;
using Avro.Generic;
using K2.Lakehouse.Storage;

namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>Reads Avro container files with Apache.Avro's generic reader, independently of K2's own manifest reader.</summary>
public static class AvroFiles
{
    public static async Task<(Dictionary<string, string> Metadata, Avro.RecordSchema Schema, List<GenericRecord> Records)> ReadAsync(IWarehouseStorage storage, string location)
    {
        await using var content = await storage.OpenReadAsync(location, CancellationToken.None);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer);
        buffer.Position = 0;
        using var reader = DataFileReader<GenericRecord>.OpenReader(buffer);
        var metadata = reader.GetMetaKeys().ToDictionary(k => k, reader.GetMetaString, StringComparer.Ordinal);
        return (metadata, (Avro.RecordSchema)reader.GetSchema(), reader.NextEntries.ToList());
    }
}
