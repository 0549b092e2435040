using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using K2.Contracts.Model;

namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// Turns one line of an ASX trades file, <c>MM/DD/YYYY,HH:MM:SS.fff,price,volume,qualifiers,venue,buyer_id</c>,
/// into a K2 <see cref="Trade"/> or a typed error. Keeps small caches, so use one instance per load, from one thread.
/// </summary>
public sealed class AsxTradeParser
{
    private const int PriceField = 2;
    private const int VolumeField = 3;
    private const int QualifiersField = 4;
    private const int VenueField = 5;
    private const int BuyerIdField = 6;
    private const int FieldCount = 7;

    private readonly AsxExchangeClock _clock;
    private readonly Utf8StringPool _strings;
    private readonly Dictionary<string, IReadOnlyList<string>> _conditions = new(StringComparer.Ordinal);
    private readonly int _cacheCapacity;

    public AsxTradeParser(AsxExchangeClock clock, int cacheCapacity)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _cacheCapacity = cacheCapacity;
        _strings = new Utf8StringPool(cacheCapacity);
    }

    public bool TryParse(
        ReadOnlySpan<byte> line,
        AsxFileContext file,
        DateTimeOffset ingestedAt,
        [NotNullWhen(true)] out Trade? trade,
        out AsxRowError error)
    {
        ArgumentNullException.ThrowIfNull(file);
        trade = null;
        Span<Range> fields = stackalloc Range[FieldCount];
        if (!AsxRowPrelude.TryRead(line, fields, file, _clock, out var key, out error)
            || !AsxFieldText.TryReadNumber(line[fields[PriceField]], "price", out var price, out error)
            || !AsxFieldText.TryReadNumber(line[fields[VolumeField]], "volume", out var volume, out error)
            || !AsxFieldText.TryReadText(line[fields[QualifiersField]], "qualifiers", _strings, out var qualifiers, out error)
            || !AsxFieldText.TryReadText(line[fields[VenueField]], "venue", _strings, out var venue, out error)
            || !AsxFieldText.TryReadText(line[fields[BuyerIdField]], "buyer_id", _strings, out var buyerId, out error))
        {
            return false;
        }

        if (price == 0m || volume == 0m)
        {
            // Quotes use zero for an empty side; a trade of nothing, or for nothing, is a broken row.
            error = new AsxRowError(
                AsxRowErrorKind.ZeroTrade,
                string.Create(CultureInfo.InvariantCulture, $"price {price:G29} and volume {volume:G29} must both be above zero"));
            return false;
        }

        trade = new Trade
        {
            MessageId = MessageIds.ForTrade(AsxExchange.Code, key.Symbol, key.RecordId),
            TradeId = key.RecordId,
            Symbol = key.Symbol,
            Exchange = AsxExchange.Code,
            AssetClass = AsxExchange.AssetClass,
            Timestamp = key.Timestamp,
            Price = price,
            Quantity = volume,
            Currency = AsxExchange.Currency,

            // ASX prints do not say which side was the aggressor.
            Side = TradeSide.Unknown,
            TradeConditions = Conditions(qualifiers),

            // No exchange sequence: row order is the sequence, and the symbol grain numbers trades in arrival order.
            SourceSequence = null,
            IngestionTimestamp = ingestedAt,
            VendorData = file.VendorData.Get(venue, buyerId),
        };
        return true;
    }

    /// <summary>The qualifiers column is one condition code; the lists are shared because records are immutable.</summary>
    private IReadOnlyList<string> Conditions(string qualifiers)
    {
        if (qualifiers.Length == 0)
        {
            return [];
        }

        if (_conditions.TryGetValue(qualifiers, out var list))
        {
            return list;
        }

        list = [qualifiers];
        if (_conditions.Count < _cacheCapacity)
        {
            _conditions.Add(qualifiers, list);
        }

        return list;
    }
}
