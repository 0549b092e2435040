using Microsoft.Extensions.Options;

namespace K2.Api.Query;

/// <summary>
/// Runs a query under the configured timeout: the timeout and the client's disconnect both cancel it (DuckDB and
/// Npgsql stop on cancellation), and only the timeout becomes a 504. A client that went away gets nothing.
/// </summary>
public sealed class QueryDeadline(IOptions<QueryOptions> options)
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> query, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(query);
        var budget = options.Value.QueryTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(budget);
        try
        {
            return await query(deadline.Token);
        }
        // Any failure once the budget ran out counts as the timeout: DuckDB reports an interrupted query with its own
        // exception type, not as an OperationCanceledException.
        catch (Exception exception) when (exception is not ApiException && deadline.IsCancellationRequested && !requestAborted.IsCancellationRequested)
        {
            throw ApiException.Timeout(budget);
        }
    }
}
