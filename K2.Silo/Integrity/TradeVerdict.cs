namespace K2.Silo.Integrity;

/// <summary>How the sequence tracker classified one trade. Every trade gets exactly one verdict.</summary>
public enum TradeVerdict
{
    /// <summary>Next in sequence, above the high-water mark (possibly opening a gap), or unsequenced.</summary>
    Accepted,

    /// <summary>Below the high-water mark inside an open gap: accepted, and the gap shrinks or closes.</summary>
    Late,

    /// <summary>Below a retired gap's range: accepted because it cannot be proven a duplicate.</summary>
    LateUnverified,

    /// <summary>First trade of a new session whose sequence restarted low: accepted.</summary>
    SessionReset,

    DuplicateBySequence,

    DuplicateByMessageId,
}

public static class TradeVerdictExtensions
{
    /// <summary>Verdicts whose trade is kept: it enters the hot window and the lakehouse.</summary>
    public static bool IsAccepted(this TradeVerdict verdict) =>
        verdict is TradeVerdict.Accepted or TradeVerdict.Late or TradeVerdict.LateUnverified or TradeVerdict.SessionReset;
}
