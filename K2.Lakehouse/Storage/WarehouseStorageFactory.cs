using Azure.Identity;
using Azure.Storage.Blobs;
using K2.Lakehouse.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Storage;

/// <summary>Builds the <see cref="IWarehouseStorage"/> that <see cref="WarehouseStorageOptions.Kind"/> selects.</summary>
public static class WarehouseStorageFactory
{
    public static IWarehouseStorage Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var storage = services.GetRequiredService<IOptions<WarehouseStorageOptions>>().Value;
        var warehouse = Configured(services, storage);
        return string.IsNullOrWhiteSpace(storage.FaultFile) ? warehouse : new FaultInjectingWarehouseStorage(warehouse, storage.FaultFile);
    }

    private static IWarehouseStorage Configured(IServiceProvider services, WarehouseStorageOptions storage) => storage.Kind switch
    {
        WarehouseStorageKind.Local => new LocalWarehouseStorage(services.GetRequiredService<IOptions<LakehouseOptions>>().Value.WarehousePath),
        WarehouseStorageKind.AzureBlob => new AzureBlobWarehouseStorage(ContainerClient(storage.AzureBlob), storage.AzureBlob),
        _ => throw new InvalidOperationException($"{WarehouseStorageOptions.SectionName}:Kind '{storage.Kind}' is not a warehouse storage K2 knows."),
    };

    /// <summary>
    /// A connection string when configured (keys or SAS; the emulator), otherwise the endpoint with Azure.Identity's
    /// default chain: in Container Apps the user-assigned managed identity named by <c>AZURE_CLIENT_ID</c>, on a
    /// developer machine the Azure CLI login.
    /// </summary>
    private static BlobContainerClient ContainerClient(AzureBlobWarehouseOptions options) =>
        !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobContainerClient(options.ConnectionString, options.Container)
            : new BlobServiceClient(options.ServiceUri, new DefaultAzureCredential()).GetBlobContainerClient(options.Container);
}
