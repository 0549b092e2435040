namespace K2.Contracts.Avro;

/// <summary>
/// Maps a C# enum to an Avro enum's symbol indexes. Avro writes the index of the symbol in the schema's list, so the
/// order given here IS the wire format and must match the .avsc; it need not match the C# numeric values.
/// </summary>
internal sealed class AvroEnumSymbols<TEnum>
    where TEnum : struct, Enum
{
    private readonly TEnum[] _bySymbolIndex;

    public AvroEnumSymbols(params TEnum[] bySymbolIndex) => _bySymbolIndex = bySymbolIndex;

    public int Count => _bySymbolIndex.Length;

    /// <summary>The symbol index of <paramref name="value"/>; an undefined enum value is a producer bug.</summary>
    public int IndexOf(TEnum value, string field)
    {
        // A handful of symbols: a linear scan is as fast as any lookup and needs no second table to keep in sync.
        for (var i = 0; i < _bySymbolIndex.Length; i++)
        {
            if (EqualityComparer<TEnum>.Default.Equals(_bySymbolIndex[i], value))
            {
                return i;
            }
        }

        throw new ArgumentException($"Field '{field}' = {value} is not a symbol of the schema's {typeof(TEnum).Name} enum.", field);
    }

    /// <summary>The value at <paramref name="index"/>, which the reader has already checked against <see cref="Count"/>.</summary>
    public TEnum At(int index) => _bySymbolIndex[index];
}
