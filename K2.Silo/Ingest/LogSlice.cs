using K2.Contracts.Grains;

namespace K2.Silo.Ingest;

/// <summary>One symbol's records of one partition in a poll batch, with where they sit and how they continue the run.</summary>
internal sealed record LogSlice<TRecord>(
    string Topic,
    IReadOnlyList<TRecord> Records,
    IReadOnlyList<TradePosition> Positions,
    string LogCluster,
    long RunStart,
    long? PreviousOffset);
