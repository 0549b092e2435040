using System.Reflection;

namespace K2.Silo.Persistence;

/// <summary>
/// The Orleans schema scripts embedded from <c>Persistence/Schema/*.sql</c>, in the order they must run
/// (their file names start with a sequence number).
/// </summary>
public static class OrleansSchemaScripts
{
    private const string ResourcePrefix = "K2.Silo.Persistence.Schema.";

    /// <summary>Each script's file name and text, ordered by file name.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Load()
    {
        var assembly = typeof(OrleansSchemaScripts).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name[ResourcePrefix.Length..], Read(assembly, name)))
            .ToList();

        // An empty list would "install" nothing and let the silo fail later inside the providers; say it here.
        return scripts.Count > 0
            ? scripts
            : throw new InvalidOperationException($"No Orleans schema scripts are embedded in {assembly.GetName().Name} (expected resources named {ResourcePrefix}*.sql).");
    }

    private static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} could not be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
