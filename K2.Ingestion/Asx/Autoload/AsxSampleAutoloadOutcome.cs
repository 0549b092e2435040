namespace K2.Ingestion.Asx.Autoload;

public enum AsxSampleAutoloadOutcome
{
    NotRun,
    Disabled,
    Published,
    SkippedMarker,
    SkippedTopicNotEmpty,
    Interrupted,
    Failed,
}
