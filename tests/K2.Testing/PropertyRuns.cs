using System.Globalization;

namespace K2.Testing;

/// <summary>
/// How many cases a property test tries. The short mode (the test suite) keeps each property to a modest count so
/// the whole run stays fast on a shared CI machine; <c>K2_PROPERTY_ITERATIONS=N</c> runs every property N times
/// (the long mode, e.g. overnight), never fewer than its short count.
/// </summary>
public static class PropertyRuns
{
    public const string IterationsVariable = "K2_PROPERTY_ITERATIONS";

    private static readonly long? LongModeIterations =
        long.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : null;

    /// <summary>The iteration count for a property whose short-mode count is <paramref name="shortMode"/>.</summary>
    public static long Iterations(long shortMode) => LongModeIterations is { } count ? Math.Max(count, shortMode) : shortMode;
}
