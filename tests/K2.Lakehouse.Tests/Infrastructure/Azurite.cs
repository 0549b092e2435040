namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>
/// The Azurite blob endpoint test.sh starts (<c>K2_TEST_AZURITE_BLOB</c>, e.g.
/// <c>http://127.0.0.1:55600/devstoreaccount1</c>) and a connection string for its built-in development account.
/// </summary>
internal static class Azurite
{
    public const string EndpointVariable = "K2_TEST_AZURITE_BLOB";

    // Azurite's fixed, publicly documented development account; it exists only inside the emulator.
    private const string DevelopmentAccount = "devstoreaccount1";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string? Endpoint => Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint ? endpoint : null;

    public static string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentKey};BlobEndpoint={Endpoint ?? throw new InvalidOperationException($"{EndpointVariable} is not set")};";

    /// <summary>A container name of its own per test, so tests never see each other's blobs.</summary>
    public static string NewContainerName() => "k2-test-" + Guid.NewGuid().ToString("N")[..12];
}
