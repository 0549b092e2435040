namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// Splits one CSV line on commas into ranges, without allocating. The ASX files use no quoting, so a comma always
/// separates fields.
/// </summary>
public static class CsvFields
{
    /// <summary>
    /// Fills <paramref name="fields"/> with the fields' ranges and returns how many the line has; when it has more than
    /// <paramref name="fields"/> can hold, returns <c>fields.Length + 1</c> so the caller can reject it by count.
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            if (count == fields.Length)
            {
                return fields.Length + 1;
            }

            var comma = line[start..].IndexOf((byte)',');
            if (comma < 0)
            {
                fields[count++] = start..line.Length;
                return count;
            }

            fields[count++] = start..(start + comma);
            start += comma + 1;
        }
    }
}
