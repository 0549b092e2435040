namespace K2.Ingestion.Binance.Streaming;

/// <summary>When the current connection is due for replacement, why, and its replacement once open.</summary>
internal sealed class RotationPlan(Task due, string reason)
{
    public Task Due { get; private set; } = due;

    public string Reason { get; private set; } = reason;

    public BinanceConnection? Successor { get; private set; }

    /// <summary>Due, and no replacement is open yet.</summary>
    public bool IsPending => Successor is null && Due.IsCompletedSuccessfully;

    public void RotateNow(string reason)
    {
        if (Successor is null)
        {
            Due = Task.CompletedTask;
            Reason = reason;
        }
    }

    public void Succeeded(BinanceConnection successor) => Successor = successor;

    public void RetryAt(Task due) => Due = due;
}
