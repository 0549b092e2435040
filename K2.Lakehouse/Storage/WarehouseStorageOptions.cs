namespace K2.Lakehouse.Storage;

/// <summary>Which <see cref="IWarehouseStorage"/> the lakehouse uses (<c>K2:Lakehouse:Storage</c>).</summary>
public sealed class WarehouseStorageOptions
{
    public const string SectionName = "K2:Lakehouse:Storage";

    public WarehouseStorageKind Kind { get; set; } = WarehouseStorageKind.Local;

    public AzureBlobWarehouseOptions AzureBlob { get; set; } = new();

    /// <summary>
    /// Fault injection for the whole-system chaos tests, unset in every deployment: while a file exists at this path,
    /// warehouse writes fail with an <see cref="IOException"/> (<see cref="FaultInjectingWarehouseStorage"/>).
    /// </summary>
    public string? FaultFile { get; set; }
}
