using System.Security.Cryptography;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace K2.Lakehouse.Iceberg.Avro;

/// <summary>
/// Writes an Avro object container file (Avro spec: "Object Container Files") whose <c>avro.schema</c> header is
/// exactly the JSON K2 built. Apache.Avro's own <c>DataFileWriter</c> re-serialises the parsed schema and drops
/// <c>logicalType</c> from arrays, which loses Iceberg's <c>map</c> annotation; records are still encoded by
/// Apache.Avro's <see cref="GenericDatumWriter{T}"/>. Blocks are uncompressed ("null" codec), which every Avro
/// reader supports.
/// </summary>
internal static class AvroContainerWriter
{
    private static readonly byte[] Magic = [(byte)'O', (byte)'b', (byte)'j', 1];

    public static byte[] Write(string schemaJson, RecordSchema schema, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<GenericRecord> records)
    {
        var sync = RandomNumberGenerator.GetBytes(16);
        using var output = new MemoryStream();
        var encoder = new BinaryEncoder(output);
        output.Write(Magic);

        var header = new Dictionary<string, string>(metadata, StringComparer.Ordinal)
        {
            ["avro.schema"] = schemaJson,
            ["avro.codec"] = "null",
        };
        encoder.WriteMapStart();
        encoder.SetItemCount(header.Count);
        foreach (var (key, value) in header)
        {
            encoder.StartItem();
            encoder.WriteString(key);
            encoder.WriteBytes(System.Text.Encoding.UTF8.GetBytes(value));
        }

        encoder.WriteMapEnd();
        output.Write(sync);

        if (records.Count > 0)
        {
            using var block = new MemoryStream();
            var blockEncoder = new BinaryEncoder(block);
            var datumWriter = new GenericDatumWriter<GenericRecord>(schema);
            foreach (var record in records)
            {
                datumWriter.Write(record, blockEncoder);
            }

            blockEncoder.Flush();
            encoder.WriteLong(records.Count);
            encoder.WriteLong(block.Length);
            encoder.Flush();
            block.Position = 0;
            block.CopyTo(output);
            output.Write(sync);
        }

        encoder.Flush();
        return output.ToArray();
    }
}
