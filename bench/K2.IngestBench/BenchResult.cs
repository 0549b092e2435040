using K2.IngestBench.Freshness;

namespace K2.IngestBench;

/// <summary>A measured stretch: how many trades, how long.</summary>
internal sealed record Phase(long Trades, TimeSpan Elapsed)
{
    public double PerSecond => Trades / Elapsed.TotalSeconds;
}

internal sealed record BenchResult(
    int Trades,
    int Symbols,
    int Partitions,
    int Cores,
    Phase Produce,
    Phase ConsumeDecodeCeiling,
    Phase CatchUp,
    GcActivity CatchUpGc,
    int LiveTrades,
    Phase LiveProduce,
    Phase LiveIngest,
    long TableRows,
    int DataFiles,
    long DataBytes,
    bool Verified,
    IReadOnlyList<FreshnessResult> Freshness)
{
    public double CatchUpShareOfCeiling => CatchUp.PerSecond / ConsumeDecodeCeiling.PerSecond;
}
