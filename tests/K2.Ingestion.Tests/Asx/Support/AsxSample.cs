using K2.Ingestion.Asx.Parsing;

namespace K2.Ingestion.Tests.Asx.Support;

/// <summary>Where the shipped sample lives, and the pieces parser tests need to read its rows.</summary>
internal static class AsxSample
{
    public const string SydneyZoneId = "Australia/Sydney";

    public static TimeZoneInfo Sydney { get; } = TimeZoneInfo.FindSystemTimeZoneById(SydneyZoneId);

    /// <summary><c>data/asx-sample</c> of this checkout, found by walking up from the test binaries to the solution.</summary>
    public static string Directory { get; } = Path.Combine(FindRepositoryRoot(), "data", "asx-sample");

    public static string PathOf(string relative) => Path.Combine(Directory, relative);

    /// <summary>The first <paramref name="count"/> lines of a sample file as raw bytes, CRLF removed.</summary>
    public static IReadOnlyList<byte[]> FirstLines(string relative, int count)
    {
        var bytes = File.ReadAllBytes(PathOf(relative));
        var lines = new List<byte[]>(count);
        var rest = bytes.AsSpan();
        while (lines.Count < count)
        {
            var end = rest.IndexOf("\r\n"u8);
            lines.Add(rest[..end].ToArray());
            rest = rest[(end + 2)..];
        }

        return lines;
    }

    public static AsxExchangeClock Clock() => new(Sydney);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "K2.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No K2.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
