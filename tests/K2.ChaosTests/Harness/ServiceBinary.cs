using K2.Testing.Postgres;

namespace K2.ChaosTests.Harness;

/// <summary>The built <c>&lt;project&gt;.dll</c> of a K2 service of this checkout, in the configuration the tests were built with.</summary>
public static class ServiceBinary
{
    /// <param name="project">The service's project (and assembly) name, e.g. <c>K2.Silo</c> or <c>K2.Ingestion</c>.</param>
    public static string Locate(string project)
    {
        // The test binaries sit in .../bin/<Configuration>/<TargetFramework>/; the service's own output has the same shape.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Find(), project, "bin", configuration, framework, project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"{dll} does not exist; build {project} (the test project references it, so building the tests builds it).");
    }
}
