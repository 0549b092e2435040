namespace K2.Ingestion.Asx.Parsing;

/// <summary>A rejected row's typed reason plus a human-readable detail; the detail is only built on failure.</summary>
public readonly record struct AsxRowError(AsxRowErrorKind Kind, string Detail)
{
    /// <summary>The dead letter's error text, e.g. <c>InvalidNumber: price '3x.5' is not a decimal number</c>.</summary>
    public override string ToString() => $"{Kind}: {Detail}";
}
