namespace K2.ApiAbuse.Ingest;

/// <summary>
/// Where the live feed stood at one moment: the <see cref="System.Diagnostics.Stopwatch"/> timestamp, the newest probe
/// id published, the trades table's rows and the trades produced (load and probes). Two marks bound a window.
/// </summary>
internal sealed record WindowMark(long At, long NewestProbe, long TableRows, long Produced);
