namespace K2.Ingestion.Binance.GapRepair;

/// <summary>One page's fetch: how many HTTP requests it took, and why it failed for good (null when it did not).</summary>
internal readonly record struct PageFetch(int Requests, string? Problem);
