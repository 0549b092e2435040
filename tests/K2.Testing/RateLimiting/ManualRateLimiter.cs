using System.Threading.RateLimiting;

namespace K2.Testing.RateLimiting;

/// <summary>
/// A token bucket that only the test refills (<see cref="Grant"/>), so rate-limit tests count requests per token
/// instead of measuring time. (The framework's limiters refill by elapsed time even when replenished by hand.)
/// </summary>
public sealed class ManualRateLimiter(int initialPermits) : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly Queue<(int Count, TaskCompletionSource<RateLimitLease> Done)> _waiting = new();
    private int _available = initialPermits;

    /// <summary>Acquisitions parked until permits are granted.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _available, CurrentQueuedCount = _waiting.Count };
        }
    }

    public void Grant(int permits)
    {
        List<TaskCompletionSource<RateLimitLease>> released = [];
        lock (_gate)
        {
            _available += permits;
            while (_waiting.TryPeek(out var next) && next.Count <= _available)
            {
                _waiting.Dequeue();
                _available -= next.Count;
                released.Add(next.Done);
            }
        }

        released.ForEach(done => done.TrySetResult(Lease.Acquired));
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            if (_waiting.Count == 0 && _available >= permitCount)
            {
                _available -= permitCount;
                return Lease.Acquired;
            }

            return Lease.Refused;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_waiting.Count == 0 && _available >= permitCount)
            {
                _available -= permitCount;
                return ValueTask.FromResult<RateLimitLease>(Lease.Acquired);
            }

            _waiting.Enqueue((permitCount, done));
        }

        cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        return new ValueTask<RateLimitLease>(done.Task);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
