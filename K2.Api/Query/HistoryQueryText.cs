namespace K2.Api.Query;

/// <summary>
/// The query-string parameters of the history endpoints, bound as raw text so that every malformed value gets the
/// standard error body from <see cref="HistoryRequestParser"/> (framework binding would answer with its own).
/// </summary>
public sealed class HistoryQueryText
{
    public string? Exchange { get; init; }

    public string? Symbol { get; init; }

    /// <summary>Inclusive start, ISO-8601 (UTC unless an offset is given).</summary>
    public string? Start { get; init; }

    /// <summary>Exclusive end, ISO-8601.</summary>
    public string? End { get; init; }

    public string? Limit { get; init; }

    public string? Cursor { get; init; }

    /// <summary><c>desc</c> (newest first, the default) or <c>asc</c>.</summary>
    public string? Order { get; init; }

    /// <summary>Read the table as of this snapshot id (time travel; no hot data).</summary>
    public string? AsOfSnapshot { get; init; }

    /// <summary>Read the table as it was at this instant (time travel; no hot data).</summary>
    public string? AsOf { get; init; }
}
