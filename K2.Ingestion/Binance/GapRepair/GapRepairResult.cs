namespace K2.Ingestion.Binance.GapRepair;

public enum GapRepairOutcome
{
    /// <summary>Binance returned trades up to and including the last requested id; all were published.</summary>
    Completed,

    /// <summary>Binance had nothing from some id on (not traded yet, or past its retention); what it had was published.</summary>
    Incomplete,

    /// <summary>A request failed for good (bad request, ban longer than allowed, retries spent, malformed body).</summary>
    Failed,
}

/// <summary>What one repair did. Running the same repair again republishes the same message ids.</summary>
public sealed record GapRepairResult(
    string Symbol,
    long FromId,
    long ToId,
    GapRepairOutcome Outcome,
    int Published,
    int Requests,
    string? Problem = null)
{
    public long Requested => ToId - FromId + 1;
}
