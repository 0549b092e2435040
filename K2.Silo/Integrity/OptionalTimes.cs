using System.Runtime.CompilerServices;

namespace K2.Silo.Integrity;

/// <summary>
/// Four optional times in 40 B where four <c>DateTimeOffset?</c> fields take 96 (24 B each: a 16 B value and its flag,
/// padded): each time as its UTC ticks plus one (zero: none) and its offset in minutes, the ticks and the offsets in
/// arrays of their own so neither pads the other. Exact: a time reads back with the instant and the offset it was set
/// with. A struct held in a (non-readonly) field of its owner.
/// </summary>
internal struct OptionalTimes
{
    public const int Count = 4;

    private TicksArray _ticks;
    private OffsetsArray _offsets;

    public readonly DateTimeOffset? Get(int index)
    {
        var stored = _ticks[index];
        if (stored == 0)
        {
            return null;
        }

        var offset = TimeSpan.FromMinutes(_offsets[index]);
        return new DateTimeOffset(stored - 1 + offset.Ticks, offset);
    }

    public void Set(int index, DateTimeOffset? value)
    {
        _ticks[index] = value is { } time ? time.UtcTicks + 1 : 0;
        _offsets[index] = value is { } timed ? checked((short)timed.TotalOffsetMinutes) : (short)0;
    }

    [InlineArray(Count)]
    private struct TicksArray
    {
        private long _element;
    }

    [InlineArray(Count)]
    private struct OffsetsArray
    {
        private short _element;
    }
}
