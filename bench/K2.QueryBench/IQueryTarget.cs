namespace K2.QueryBench;

/// <summary>Something that answers the benchmark's queries: the running API, or DuckDB in this process.</summary>
internal interface IQueryTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Answers one request; <paramref name="worker"/> is the closed-loop worker asking (0 to concurrency − 1).</summary>
    Task<QueryAnswer> AnswerAsync(QueryDraw draw, int worker, CancellationToken cancellationToken);
}
