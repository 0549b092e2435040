namespace K2.Contracts.Grains;

/// <summary>An open range of sequence numbers <c>[From, To]</c> that the symbol has not received yet.</summary>
[GenerateSerializer, Immutable]
public sealed record SequenceGap(
    [property: Id(0)] long From,
    [property: Id(1)] long To,
    [property: Id(2)] DateTimeOffset DetectedAt)
{
    public long Missing => To - From + 1;

    public bool Contains(long sequence) => sequence >= From && sequence <= To;
}
