namespace K2.Api.Query.Export;

/// <summary>The output formats of <c>POST /v1/trades/query</c>; every one keeps decimals exact.</summary>
public enum ExportFormat
{
    Json,
    Csv,
    Parquet,
    Arrow,
}
