namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>
/// A test that needs Azurite. ./test.sh always starts it; only a bare `dotnet test` without
/// <c>K2_TEST_AZURITE_BLOB</c> skips these tests, and the skip reason says so in the test output.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        if (Azurite.Endpoint is null)
        {
            Skip = $"SKIPPED: {Azurite.EndpointVariable} is not set, so the Azure Blob Storage warehouse is NOT tested. " +
                "Run ./test.sh, which installs and starts Azurite and sets it.";
        }
    }
}
