using K2.Testing.Postgres;

namespace K2.ChaosTests.Harness;

/// <summary>The built <c>K2.Silo.dll</c> of this checkout, in the build configuration the tests were built with.</summary>
public static class SiloBinary
{
    public static string Locate()
    {
        // The test binaries sit in .../bin/<Configuration>/<TargetFramework>/; the silo's own output has the same shape.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Find(), "K2.Silo", "bin", configuration, framework, "K2.Silo.dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"{dll} does not exist; build K2.Silo (the test project references it, so building the tests builds it).");
    }
}
