namespace K2.Contracts.Grains;

/// <summary>
/// An open range of sequence numbers <c>[From, To]</c> that the symbol has not received yet.
/// A late arrival in the middle splits a gap in two; both halves keep the <see cref="GapNumber"/> of the gap
/// they came from, so "gap closed" means every sequence of the originally detected range has arrived.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SequenceGap(
    [property: Id(0)] long From,
    [property: Id(1)] long To,
    [property: Id(2)] DateTimeOffset DetectedAt,
    [property: Id(3)] long GapNumber)
{
    public long Missing => To - From + 1;

    public bool Contains(long sequence) => sequence >= From && sequence <= To;
}
