namespace K2.Contracts.Avro;

/// <summary>
/// Shares one string instance per distinct short UTF-8 value across decodes, for the fields whose values repeat on
/// nearly every record (symbol, exchange, currency): without it each decoded trade carries three strings of its own,
/// which live as long as the trade does (in a flush buffer, seconds; long enough to reach gen2).
/// <para>
/// A fixed table of slots indexed by a hash of the bytes; a slot holds the bytes and the string they decode to, as one
/// immutable entry, so readers on any thread see either the old entry or the new one, never a mix. A miss decodes and
/// replaces the slot, so the table never grows: a stream of distinct values costs what it did without the pool.
/// </para>
/// </summary>
internal static class AvroStringPool
{
    // Symbols, exchanges and currencies are short; longer values are not worth hashing and keeping.
    private const int MaxPooledBytes = 64;

    // A power of two well above the number of distinct values a silo sees (a few thousand symbols at most), so
    // collisions that evict a hot entry are rare.
    private const int Slots = 8192;

    private static readonly Entry?[] Table = new Entry?[Slots];

    /// <summary>The string <paramref name="utf8"/> decodes to, shared with earlier decodes of the same bytes when pooled.</summary>
    /// <param name="utf8">Valid UTF-8 (the caller checks).</param>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledBytes)
        {
            return System.Text.Encoding.UTF8.GetString(utf8);
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Slots - 1);
        if (Volatile.Read(ref Table[slot]) is { } entry && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        var value = System.Text.Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref Table[slot], new Entry(utf8.ToArray(), value));
        return value;
    }

    private sealed record Entry(byte[] Utf8, string Value);
}
