using K2.Contracts.Model;

namespace K2.Silo.HotWindow;

/// <summary>
/// One hot trade as values in the window's ring instead of a <see cref="Trade"/> object and its id string: 80 bytes
/// against ~250 (price and quantity as <see cref="CompactDecimal"/>s). The trade id is kept as its number when it is
/// <c>{prefix}{number}</c> written the way the number formats back (Binance's <c>BINANCE-4851805410</c>, ASX's
/// <c>ASX-BHP-20260105-17</c>); what a run of trades repeats is shared through <see cref="HotTradeTraits"/>. A trade
/// that does not fit this form exactly — a trade id that does not round-trip, a time with an offset, a source sequence
/// other than the trade id's number, a price or quantity whose coefficient needs more than 64 bits — is kept as the
/// object itself, so <see cref="ToRecord"/> always gives back a trade equal to the one packed.
/// </summary>
public readonly struct HotTrade : IHotSlot<HotTrade, Trade>
{
    // Long enough for any trade id a venue issues, short enough that the digits always fit a long.
    private const int MaxTradeNumberDigits = 18;

    private readonly Guid _messageId;
    private readonly ulong _priceCoefficient;
    private readonly ulong _quantityCoefficient;
    private readonly long _timestampTicks;
    private readonly long _ingestionTicks;
    private readonly long _tradeNumber;
    private readonly long _platformSequence;

    // HotTradeTraits for a packed trade, the Trade itself for one kept whole.
    private readonly object _shape;
    private readonly TradeSide _side;
    private readonly Presence _present;
    private readonly byte _priceScaleAndSign;
    private readonly byte _quantityScaleAndSign;

    private HotTrade(Trade whole)
    {
        _shape = whole;
        _platformSequence = whole.PlatformSequence ?? 0;
    }

    private HotTrade(Trade trade, long tradeNumber, HotTradeTraits traits, in CompactPrice price)
    {
        _messageId = trade.MessageId;
        (_priceCoefficient, _priceScaleAndSign, _quantityCoefficient, _quantityScaleAndSign) = price;
        _timestampTicks = trade.Timestamp.UtcTicks;
        _ingestionTicks = trade.IngestionTimestamp.UtcTicks;
        _tradeNumber = tradeNumber;
        _platformSequence = trade.PlatformSequence ?? 0;
        _shape = traits;
        _side = trade.Side;
        _present = (trade.PlatformSequence is null ? Presence.None : Presence.PlatformSequence)
            | (trade.SourceSequence is null ? Presence.None : Presence.SourceSequence);
    }

    // Price and quantity split by CompactDecimal, passed together to the constructor.
    private readonly record struct CompactPrice(ulong PriceCoefficient, byte PriceScale, ulong QuantityCoefficient, byte QuantityScale);

    [Flags]
    private enum Presence : byte
    {
        None = 0,
        PlatformSequence = 1,

        // The source sequence, when present, is the trade id's number (Binance); any other is kept whole.
        SourceSequence = 2,
    }

    public long PlatformSequence => _platformSequence;

    public DateTimeOffset Timestamp => _shape is Trade whole ? whole.Timestamp : new DateTimeOffset(_timestampTicks, TimeSpan.Zero);

    /// <summary>Whether the trade is held as values (false: kept as the object, it did not fit the compact form).</summary>
    public bool IsCompact => _shape is HotTradeTraits;

    public static HotTrade Pack(Trade record, in HotTrade newest, bool hasNewest)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Timestamp.Offset != TimeSpan.Zero
            || record.IngestionTimestamp.Offset != TimeSpan.Zero
            || !TrySplitTradeId(record.TradeId, out var prefixLength, out var number)
            || (record.SourceSequence is { } source && source != number)
            || !CompactDecimal.TrySplit(record.Price, out var priceCoefficient, out var priceScale)
            || !CompactDecimal.TrySplit(record.Quantity, out var quantityCoefficient, out var quantityScale))
        {
            return new HotTrade(record);
        }

        var shared = hasNewest ? newest._shape as HotTradeTraits : null;
        var traits = HotTradeTraits.For(record, record.TradeId.AsSpan(0, prefixLength), shared);
        return new HotTrade(record, number, traits, new CompactPrice(priceCoefficient, priceScale, quantityCoefficient, quantityScale));
    }

    public Trade ToRecord()
    {
        if (_shape is Trade whole)
        {
            return whole;
        }

        var traits = (HotTradeTraits)_shape;
        return new Trade
        {
            MessageId = _messageId,
            TradeId = traits.TradeId(_tradeNumber),
            Symbol = traits.Symbol,
            Exchange = traits.Exchange,
            AssetClass = traits.AssetClass,
            Timestamp = new DateTimeOffset(_timestampTicks, TimeSpan.Zero),
            Price = CompactDecimal.Join(_priceCoefficient, _priceScaleAndSign),
            Quantity = CompactDecimal.Join(_quantityCoefficient, _quantityScaleAndSign),
            Currency = traits.Currency,
            Side = _side,
            TradeConditions = traits.Conditions,
            SourceSequence = (_present & Presence.SourceSequence) != 0 ? _tradeNumber : null,
            IngestionTimestamp = new DateTimeOffset(_ingestionTicks, TimeSpan.Zero),
            PlatformSequence = (_present & Presence.PlatformSequence) != 0 ? _platformSequence : null,
            VendorData = traits.VendorData,
        };
    }

    /// <summary>
    /// Splits <c>{prefix}{digits}</c> where the digits are exactly how their number formats (no sign, no leading
    /// zero, no more than fit a long), so prefix + number gives the same text back.
    /// </summary>
    private static bool TrySplitTradeId(string tradeId, out int prefixLength, out long number)
    {
        prefixLength = tradeId.Length;
        while (prefixLength > 0 && char.IsAsciiDigit(tradeId[prefixLength - 1]))
        {
            prefixLength--;
        }

        var digits = tradeId.AsSpan(prefixLength);
        number = 0;
        if (digits.Length is 0 or > MaxTradeNumberDigits || (digits[0] == '0' && digits.Length > 1))
        {
            return false;
        }

        foreach (var digit in digits)
        {
            number = (number * 10) + (digit - '0');
        }

        return true;
    }
}
