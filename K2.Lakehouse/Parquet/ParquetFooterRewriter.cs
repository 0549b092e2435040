using System.Buffers.Binary;
using System.Text;
using K2.Lakehouse.Parquet.Thrift;

namespace K2.Lakehouse.Parquet;

/// <summary>
/// Applies a <see cref="ParquetFooterPlan"/> to a finished Parquet file in place. Only the footer (the Thrift
/// <c>FileMetaData</c> at the end of the file) changes; column chunks keep their offsets, so the data is untouched.
/// </summary>
internal static class ParquetFooterRewriter
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    // Field ids from parquet.thrift.
    private const short FileMetaDataSchema = 2;
    private const short FileMetaDataRowGroups = 4;
    private const short RowGroupColumns = 1;
    private const short ColumnChunkMetaData = 3;
    private const short ColumnMetaDataPath = 3;
    private const short ColumnMetaDataStatistics = 12;
    private const short StatisticsMax = 1;
    private const short StatisticsMin = 2;
    private const short StatisticsMaxValue = 5;
    private const short StatisticsMinValue = 6;
    private const short SchemaName = 4;
    private const short SchemaNumChildren = 5;
    private const short SchemaConvertedType = 6;
    private const short SchemaFieldId = 9;
    private const short SchemaLogicalType = 10;
    private const short LogicalTypeTimestamp = 8;
    private const short TimestampIsAdjustedToUtc = 1;
    private const short TimestampUnit = 2;
    private const short TimeUnitMicros = 2;
    private const int ConvertedTypeTimestampMicros = 10;

    public static async Task RewriteAsync(Stream file, ParquetFooterPlan plan, CancellationToken cancellationToken)
    {
        var (footerStart, footer) = await ReadFooterAsync(file, cancellationToken);
        var metadata = new CompactProtocolReader(footer).ReadStruct();
        var seen = ApplyToSchema(metadata, plan);
        ApplyToStatistics(metadata, plan);

        var missing = plan.GroupFieldIds.Keys.Concat(plan.TimestampMicrosColumns).Where(path => !seen.Contains(path)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Parquet schema has no element(s) {string.Join(", ", missing)} to correct.");
        }

        var encoded = CompactProtocolWriter.Serialize(metadata);
        file.Position = footerStart;
        await file.WriteAsync(encoded, cancellationToken);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, encoded.Length);
        await file.WriteAsync(length, cancellationToken);
        await file.WriteAsync(Magic, cancellationToken);
        file.SetLength(file.Position);
    }

    private static async Task<(long Start, byte[] Footer)> ReadFooterAsync(Stream file, CancellationToken cancellationToken)
    {
        var tail = new byte[8];
        file.Position = file.Length - tail.Length;
        await file.ReadExactlyAsync(tail, cancellationToken);
        if (!tail.AsSpan(4).SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a Parquet file: the trailing magic bytes are missing.");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        var start = file.Length - tail.Length - footerLength;
        if (footerLength <= 0 || start < Magic.Length)
        {
            throw new InvalidDataException("Parquet footer length is out of range.");
        }

        var footer = new byte[footerLength];
        file.Position = start;
        await file.ReadExactlyAsync(footer, cancellationToken);
        return (start, footer);
    }

    /// <summary>Walks the flattened, depth-first schema list, rebuilding dotted paths from <c>num_children</c>.</summary>
    private static HashSet<string> ApplyToSchema(ThriftStruct metadata, ParquetFooterPlan plan)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var elements = ((ThriftList)(metadata.Get(FileMetaDataSchema) ?? throw new InvalidDataException("Footer has no schema."))).Elements;
        var parents = new Stack<(string Path, int Remaining)>();
        for (var i = 1; i < elements.Count; i++)
        {
            var element = (ThriftStruct)elements[i];
            while (parents.Count > 0 && parents.Peek().Remaining == 0)
            {
                parents.Pop();
            }

            var name = Encoding.UTF8.GetString(((ThriftBinary)element.Get(SchemaName)!).Value);
            var path = parents.Count == 0 ? name : $"{parents.Peek().Path}.{name}";
            if (parents.Count > 0)
            {
                var (parentPath, remaining) = parents.Pop();
                parents.Push((parentPath, remaining - 1));
            }

            if (element.Get(SchemaNumChildren) is ThriftInteger { Value: > 0 } children)
            {
                parents.Push((path, (int)children.Value));
            }

            if (plan.GroupFieldIds.TryGetValue(path, out var fieldId))
            {
                element.Set(SchemaFieldId, new ThriftInteger(CompactType.I32, fieldId));
                seen.Add(path);
            }

            if (plan.TimestampMicrosColumns.Contains(path))
            {
                element.Set(SchemaConvertedType, new ThriftInteger(CompactType.I32, ConvertedTypeTimestampMicros));
                element.Set(SchemaLogicalType, TimestampMicrosUtc());
                seen.Add(path);
            }
        }

        return seen;
    }

    private static void ApplyToStatistics(ThriftStruct metadata, ParquetFooterPlan plan)
    {
        if (plan.ColumnsWithoutMinMax.Count == 0 || metadata.Get(FileMetaDataRowGroups) is not ThriftList rowGroups)
        {
            return;
        }

        foreach (var rowGroup in rowGroups.Elements.Cast<ThriftStruct>())
        {
            var columns = (ThriftList?)rowGroup.Get(RowGroupColumns);
            foreach (var chunk in columns?.Elements.Cast<ThriftStruct>() ?? [])
            {
                if (chunk.Get(ColumnChunkMetaData) is not ThriftStruct columnMetadata ||
                    columnMetadata.Get(ColumnMetaDataStatistics) is not ThriftStruct statistics)
                {
                    continue;
                }

                var path = string.Join('.', ((ThriftList)columnMetadata.Get(ColumnMetaDataPath)!).Elements
                    .Select(part => Encoding.UTF8.GetString(((ThriftBinary)part).Value)));
                if (plan.ColumnsWithoutMinMax.Contains(path))
                {
                    statistics.Remove(StatisticsMax);
                    statistics.Remove(StatisticsMin);
                    statistics.Remove(StatisticsMaxValue);
                    statistics.Remove(StatisticsMinValue);
                }
            }
        }
    }

    private static ThriftStruct TimestampMicrosUtc()
    {
        var unit = new ThriftStruct();
        unit.Set(TimeUnitMicros, new ThriftStruct());
        var timestamp = new ThriftStruct();
        timestamp.Set(TimestampIsAdjustedToUtc, new ThriftBool(true));
        timestamp.Set(TimestampUnit, unit);
        var logicalType = new ThriftStruct();
        logicalType.Set(LogicalTypeTimestamp, timestamp);
        return logicalType;
    }
}
