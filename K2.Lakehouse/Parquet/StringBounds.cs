using System.Text;

namespace K2.Lakehouse.Parquet;

/// <summary>
/// Truncated string bounds, as Iceberg writers keep manifests small: a prefix is always a valid lower bound; an
/// upper bound is the prefix with its last code point incremented (so it still sorts above every value).
/// </summary>
internal static class StringBounds
{
    public static string TruncateLower(string value, int length) =>
        CodePointCount(value) <= length ? value : Prefix(value, length);

    /// <summary>The truncated upper bound, or null when no code point in the prefix can be incremented.</summary>
    public static string? TruncateUpper(string value, int length)
    {
        if (CodePointCount(value) <= length)
        {
            return value;
        }

        var runes = Prefix(value, length).EnumerateRunes().ToList();
        for (var i = runes.Count - 1; i >= 0; i--)
        {
            if (TryIncrement(runes[i], out var next))
            {
                var builder = new StringBuilder();
                foreach (var rune in runes.Take(i))
                {
                    builder.Append(rune.ToString());
                }

                return builder.Append(next.ToString()).ToString();
            }
        }

        return null;
    }

    private static bool TryIncrement(Rune rune, out Rune next)
    {
        var candidate = rune.Value + 1;
        // Skip the surrogate range: those values are not scalar values and cannot appear in UTF-8.
        if (candidate is >= 0xD800 and <= 0xDFFF)
        {
            candidate = 0xE000;
        }

        if (candidate > 0x10FFFF)
        {
            next = default;
            return false;
        }

        next = new Rune(candidate);
        return true;
    }

    private static int CodePointCount(string value) => value.EnumerateRunes().Count();

    private static string Prefix(string value, int length)
    {
        var builder = new StringBuilder();
        foreach (var rune in value.EnumerateRunes().Take(length))
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
