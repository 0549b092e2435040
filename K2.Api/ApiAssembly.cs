namespace K2.Api;

/// <summary>
/// Names the API's assembly for <c>WebApplicationFactory</c>: the silo's <c>Program</c> is public too, so
/// <c>Program</c> alone is ambiguous wherever both are referenced.
/// </summary>
public sealed class ApiAssembly
{
    private ApiAssembly()
    {
    }
}
