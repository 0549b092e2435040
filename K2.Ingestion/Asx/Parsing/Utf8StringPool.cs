using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// Shares one string instance per distinct short text value (condition codes, venue, buyer id), so a file with a
/// hundred thousand rows and a handful of distinct codes allocates a handful of strings. Bounded: past
/// <c>capacity</c> distinct values, new values are still returned but no longer remembered.
/// </summary>
public sealed class Utf8StringPool
{
    private const int StackDecodeLimit = 128;

    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;

    public Utf8StringPool(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The string for <paramref name="utf8"/>, or false when the bytes are not valid UTF-8.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string value)
    {
        if (utf8.Length > StackDecodeLimit)
        {
            // Long values are not codes; decode them without pooling.
            var valid = Utf8.IsValid(utf8);
            value = valid ? Encoding.UTF8.GetString(utf8) : string.Empty;
            return valid;
        }

        // UTF-8 never decodes to more UTF-16 units than it has bytes.
        Span<char> buffer = stackalloc char[StackDecodeLimit];
        if (Utf8.ToUtf16(utf8, buffer, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            value = string.Empty;
            return false;
        }

        value = written == 0 ? string.Empty : Intern(buffer[..written]);
        return true;
    }

    private string Intern(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var existing))
        {
            return existing;
        }

        var created = new string(text);
        if (_values.Count < _capacity)
        {
            _values.Add(created);
        }

        return created;
    }
}
