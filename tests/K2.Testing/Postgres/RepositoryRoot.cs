namespace K2.Testing.Postgres;

/// <summary>Locates the repository checkout the tests were built from, so they can call its scripts.</summary>
public static class RepositoryRoot
{
    /// <summary>File that marks the repository root.</summary>
    public const string MarkerFile = "K2.Orleans.sln";

    /// <summary>The nearest directory at or above the test binaries that holds <see cref="MarkerFile"/>.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, MarkerFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No {MarkerFile} found in {AppContext.BaseDirectory} or any parent directory; run the tests from a K2 checkout.");
    }
}
