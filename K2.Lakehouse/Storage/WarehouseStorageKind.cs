namespace K2.Lakehouse.Storage;

/// <summary>Where the warehouse's files live (<c>K2:Lakehouse:Storage:Kind</c>).</summary>
public enum WarehouseStorageKind
{
    /// <summary>A local or mounted directory, <see cref="Configuration.LakehouseOptions.WarehousePath"/>.</summary>
    Local,

    /// <summary>A container in Azure Blob Storage / ADLS Gen2 (<see cref="AzureBlobWarehouseOptions"/>).</summary>
    AzureBlob,
}
