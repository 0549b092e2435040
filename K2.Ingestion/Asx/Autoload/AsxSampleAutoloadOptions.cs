namespace K2.Ingestion.Asx.Autoload;

/// <summary>
/// Publishing a bundled ASX sample once when the ingestion process starts, so a first local run has equities data
/// without anyone running <c>load-asx</c>. Bound from <c>K2:Asx:Autoload</c>; off unless <see cref="Directory"/> is set
/// (the AppHost sets it to <c>data/asx-sample</c>).
/// </summary>
public sealed class AsxSampleAutoloadOptions
{
    public const string SectionName = "K2:Asx:Autoload";

    /// <summary>The ASX data directory to publish at start; null or empty turns the autoload off.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// File written once the sample is published. Its presence means "already loaded": downstream state (grain state,
    /// the Iceberg table) outlives the in-memory broker, and ASX rows carry no exchange sequence, so publishing the day
    /// again into a fresh log would land it in the table a second time. Required when <see cref="Directory"/> is set.
    /// </summary>
    public string? MarkerFile { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Directory);
}
