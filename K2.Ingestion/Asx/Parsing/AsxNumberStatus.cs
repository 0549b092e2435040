namespace K2.Ingestion.Asx.Parsing;

/// <summary>Outcome of reading one CSV number.</summary>
public enum AsxNumberStatus
{
    Ok,
    Invalid,
    Negative,
    OutOfRange,
}
