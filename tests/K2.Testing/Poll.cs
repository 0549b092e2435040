namespace K2.Testing;

/// <summary>For state that raises no event: check it until it holds, failing only after the generous timeout.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    public static async Task UntilAsync(Func<bool> condition, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(timeout ?? TestTimeouts.Generous);
        while (!condition())
        {
            try
            {
                await Task.Delay(Interval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Still not true after the timeout: {description}");
            }
        }
    }

    /// <summary>As above, for a condition that has to ask something asynchronously (a table read, a health check).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(timeout ?? TestTimeouts.Generous);
        while (!await condition())
        {
            try
            {
                await Task.Delay(Interval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Still not true after the timeout: {description}");
            }
        }
    }
}
