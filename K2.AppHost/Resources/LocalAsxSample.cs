namespace K2.AppHost.Resources;

/// <summary>
/// The bundled ASX sample day the ingestion process publishes on the first local run: <c>data/asx-sample</c>, with its
/// "already loaded" marker in <c>.k2/</c> beside the PostgreSQL data and the warehouse, which hold what the first load
/// produced. <c>K2:LocalAsxSample:Enabled=false</c> turns it off; <c>K2:LocalAsxSample:MarkerFile</c> moves the marker
/// (a test run keeps it out of the developer's <c>.k2/</c>).
/// </summary>
public static class LocalAsxSample
{
    public const string EnabledSetting = "K2:LocalAsxSample:Enabled";

    public const string MarkerSetting = "K2:LocalAsxSample:MarkerFile";

    /// <summary>The environment variables that bind <c>K2:Asx:Autoload</c> in the ingestion process.</summary>
    public const string DirectoryVariable = "K2__Asx__Autoload__Directory";

    public const string MarkerVariable = "K2__Asx__Autoload__MarkerFile";

    public static IResourceBuilder<ProjectResource> WithLocalAsxSample(this IResourceBuilder<ProjectResource> ingestion)
    {
        ArgumentNullException.ThrowIfNull(ingestion);
        var configuration = ingestion.ApplicationBuilder.Configuration;
        if (string.Equals(configuration[EnabledSetting], bool.FalseString, StringComparison.OrdinalIgnoreCase))
        {
            return ingestion;
        }

        var repositoryRoot = Path.GetFullPath(Path.Combine(ingestion.ApplicationBuilder.AppHostDirectory, ".."));
        return ingestion
            .WithEnvironment(DirectoryVariable, Path.Combine(repositoryRoot, "data", "asx-sample"))
            .WithEnvironment(MarkerVariable, Path.GetFullPath(configuration[MarkerSetting] ?? Path.Combine(repositoryRoot, ".k2", "asx-sample.loaded")));
    }
}
