using System.Collections.ObjectModel;

namespace K2.Silo.HotWindow;

/// <summary>
/// The values consecutive records of one symbol repeat — currency, trade conditions, vendor data — kept once so a hot
/// window of thousands of records holds one instance of each instead of one per record. Every record arrives with its
/// own copies (decoded from Kafka or deserialised from a call); a value equal (ordinal) to the previous record's is
/// swapped for that record's instance, and empty collections for the shared empty ones. Records are immutable, so
/// sharing an instance between them changes nothing a reader can see.
/// </summary>
/// <remarks>
/// A struct held in a (non-readonly) field of its owner: a symbol grain's trade values are then three references in the
/// grain, not an object of their own (40 B and a reference per grain). Copies do not share what they remember.
/// </remarks>
internal struct RepeatedValues
{
    private string? _currency;
    private IReadOnlyList<string>? _conditions;
    private IReadOnlyDictionary<string, string>? _vendorData;

    public string Currency(string value) =>
        _currency is not null && string.Equals(value, _currency, StringComparison.Ordinal) ? _currency : _currency = value;

    public IReadOnlyList<string> Conditions(IReadOnlyList<string> value)
    {
        if (value.Count == 0)
        {
            return [];
        }

        return _conditions = _conditions is not null && _conditions.SequenceEqual(value, StringComparer.Ordinal) ? _conditions : value;
    }

    public IReadOnlyDictionary<string, string> VendorData(IReadOnlyDictionary<string, string> value)
    {
        if (value.Count == 0)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        if (_vendorData is not null && SameEntries(_vendorData, value))
        {
            return _vendorData;
        }

        // Only a map whose lookups are ordinal can stand for others: under a case-insensitive comparer "Venue" would
        // find "venue" and two different maps would read as equal.
        if (value is Dictionary<string, string> map && IsOrdinal(map.Comparer))
        {
            _vendorData = map;
        }

        return value;
    }

    private static bool SameEntries(IReadOnlyDictionary<string, string> shared, IReadOnlyDictionary<string, string> value)
    {
        if (shared.Count != value.Count)
        {
            return false;
        }

        foreach (var (key, text) in value)
        {
            if (!shared.TryGetValue(key, out var sharedText) || !string.Equals(text, sharedText, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOrdinal(IEqualityComparer<string> comparer) =>
        ReferenceEquals(comparer, StringComparer.Ordinal) || ReferenceEquals(comparer, EqualityComparer<string>.Default);
}
