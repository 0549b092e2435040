namespace K2.Contracts.Grains;

/// <summary>
/// Where one trade of a <see cref="TradeBatch"/> sits in the log: partition and offset within the batch's
/// <see cref="TradeBatch.Topic"/>. A struct of two numbers per trade keeps the batch compact on the wire.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct TradePosition([property: Id(0)] int Partition, [property: Id(1)] long Offset);
