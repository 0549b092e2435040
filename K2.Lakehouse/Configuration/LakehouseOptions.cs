using System.ComponentModel.DataAnnotations;

namespace K2.Lakehouse.Configuration;

public enum ParquetCompression
{
    Snappy,
    Zstd,
}

/// <summary>Where the warehouse lives and how K2 sizes files and commits. Bound from <c>K2:Lakehouse</c>.</summary>
public sealed class LakehouseOptions
{
    public const string SectionName = "K2:Lakehouse";

    /// <summary>
    /// Local directory holding all tables (<c>&lt;root&gt;/&lt;namespace&gt;/&lt;table&gt;</c>); required when the warehouse
    /// storage is local (<c>K2:Lakehouse:Storage:Kind</c>, the default).
    /// </summary>
    public string WarehousePath { get; set; } = string.Empty;

    /// <summary>The <c>catalog_name</c> column value; tables of other catalogs in the same database are invisible.</summary>
    [Required]
    public string CatalogName { get; set; } = "k2";

    /// <summary>
    /// A file is closed once it holds this many rows. Few well-sized files matter more than the engine: the same
    /// rows spread over many small files query tens of times slower.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int TargetFileRows { get; set; } = 5_000_000;

    /// <summary>A file is closed once it reaches this size (checked after each row group).</summary>
    [Range(1, long.MaxValue)]
    public long TargetFileSizeBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Rows per Parquet row group: the unit of statistics-based skipping inside a file. Rows are sorted by symbol, so
    /// a row group this size spans a few symbols and its <c>symbol</c> min/max lets DuckDB skip the rest; at 250,000
    /// (a whole 5 s flush) one row group held every symbol and a one-symbol query read all of it. Measured with
    /// <c>bench/run-query.sh --quick</c>: latest-100 and one-minute queries 2–3.5× faster, same file sizes. 8,192 rather
    /// than 32,768 (session 8, 20M-trade table): a busy symbol's minute then lies in one row group of ~8k rows instead
    /// of one or two of 32k, and the one-minute range served 30–50 % more requests/s at a lower p99 in loaded A/B runs,
    /// for 3 % more bytes and a 3.4× larger footer; 4,096 was no better than 8,192 (footer and per-row-group costs
    /// grow). docs/benchmarks.md, "One-minute range".
    /// </summary>
    [Range(1, int.MaxValue)]
    public int RowGroupRows { get; set; } = 8_192;

    public ParquetCompression Compression { get; set; } = ParquetCompression.Zstd;

    /// <summary>
    /// How hard the codec works. <c>Optimal</c> is zstd level 3, the level Spark and Iceberg's Java writer use;
    /// Parquet.Net's own default (<c>SmallestSize</c>, zstd 19) spent about two thirds of a flush's CPU compressing for
    /// a few percent smaller files (docs/benchmarks.md).
    /// </summary>
    public System.IO.Compression.CompressionLevel CompressionLevel { get; set; } = System.IO.Compression.CompressionLevel.Optimal;

    /// <summary>
    /// Dictionary-encode string columns whose values repeat (symbol, exchange, asset class, currency, side). Parquet.Net
    /// 6 writes strings plain unless told otherwise, and a reader then decodes every value of a column chunk (about
    /// 490 KB of <c>symbol</c> bytes per 32,768-row group before compression) where a dictionary is one entry per
    /// distinct value plus small indexes. A column whose values are mostly unique (trade ids) stays plain: see
    /// <see cref="StringDictionarySampleSize"/>.
    /// </summary>
    public bool DictionaryEncodeStrings { get; set; } = true;

    /// <summary>
    /// Values of a string column sampled per row group before its dictionary is built: a sample more than 80 %
    /// unique (Parquet.Net's threshold) leaves the column plain without hashing all of it. 0 hashes every value.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int StringDictionarySampleSize { get; set; } = 1_024;

    /// <summary>String lower/upper bounds in manifests are cut to this many characters (Java's default is 16).</summary>
    [Range(1, 1024)]
    public int MetricsStringTruncateLength { get; set; } = 16;

    /// <summary>Attempts per commit, counting the first; each conflict re-reads the table and rebases.</summary>
    [Range(1, 100)]
    public int CommitMaxAttempts { get; set; } = 10;

    public TimeSpan CommitRetryMinWait { get; set; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan CommitRetryMaxWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Previous metadata files remembered in <c>metadata-log</c> (Java's default is 100).</summary>
    [Range(1, 10_000)]
    public int MetadataLogMaxEntries { get; set; } = 100;

    /// <summary>
    /// Whether writing a trades data file also writes its 1-minute bar sidecar (docs/lakehouse.md), which day-long
    /// candle queries read instead of the raw trades. Off only to measure its cost or to test readers without it.
    /// </summary>
    public bool WriteBarSidecars { get; set; } = true;

    /// <summary>
    /// Whether candle queries use bar sidecars where they exist; off, every candle is aggregated from raw trades (the
    /// answer is the same, only slower). A switch for measuring the index and for ruling it out when in doubt.
    /// </summary>
    public bool ReadBarSidecars { get; set; } = true;

    /// <summary>DuckDB threads per query; 0 lets DuckDB use every core.</summary>
    [Range(0, 1024)]
    public int DuckDbThreads { get; set; }

    /// <summary>DuckDB memory limit per query, in DuckDB syntax (e.g. <c>1GB</c>); empty keeps DuckDB's default.</summary>
    public string DuckDbMemoryLimit { get; set; } = string.Empty;
}
