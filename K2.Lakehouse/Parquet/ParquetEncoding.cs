using Parquet;

namespace K2.Lakehouse.Parquet;

/// <summary>How a data file's pages are encoded and compressed (from <c>K2:Lakehouse</c>; see LakehouseOptions).</summary>
internal sealed record ParquetEncoding(
    CompressionMethod Compression,
    System.IO.Compression.CompressionLevel CompressionLevel,
    bool DictionaryEncodeStrings,
    int StringDictionarySampleSize);
