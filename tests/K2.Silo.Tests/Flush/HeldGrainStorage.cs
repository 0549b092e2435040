using K2.Silo.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Flush;

/// <summary>
/// Wraps the silo's real symbol grain storage (PostgreSQL) so a test can hold the state writes of one symbol's grain
/// open, as a stuck database write would, and let them through later or fail them, as a database that went away would.
/// Reads and every other grain's writes go straight to the real storage.
/// </summary>
public sealed class HeldGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Lock _sync = new();
    private TaskCompletionSource _gate = Opened();
    private string? _heldSymbol;
    private (string Symbol, string StateName)? _failNext;
    private int _waiting;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _reads = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string State, GrainId Grain), int> _inFlight = new();
    private int _maxOverlap;
    private int _writesStarted;
    private int _mostWritesAtOnce;

    /// <summary>
    /// The most writes of one grain's state that were in the real storage at once (a grain must write a state one
    /// write at a time: two at once race its ETag and may store the wrong object).
    /// </summary>
    public int MostOverlappingWrites => Volatile.Read(ref _maxOverlap);

    /// <summary>The most state writes, of any grains, that were started and not yet ended at once (held ones included).</summary>
    public int MostWritesAtOnce => Volatile.Read(ref _mostWritesAtOnce);

    /// <summary>Writes held at the gate now.</summary>
    public int WaitingWrites => Volatile.Read(ref _waiting);

    /// <summary>Holds every later state write of the grains whose key contains <paramref name="symbol"/> until <see cref="Release"/>.</summary>
    public void Hold(string symbol)
    {
        lock (_sync)
        {
            _heldSymbol = symbol;
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>
    /// Fails the held writes, and every later write of the held grains until <see cref="Release"/>, with an
    /// <see cref="IOException"/>.
    /// </summary>
    public void Fail()
    {
        lock (_sync)
        {
            _gate.TrySetException(new IOException("The test failed this grain state write, as a lost database connection would."));
        }
    }

    /// <summary>
    /// Fails the next write of the state <paramref name="stateName"/> of the grain whose key contains
    /// <paramref name="symbol"/>, once, with an <see cref="IOException"/>: a database lost between two writes.
    /// </summary>
    public void FailNextWrite(string symbol, string stateName)
    {
        lock (_sync)
        {
            _failNext = (symbol, stateName);
        }
    }

    /// <summary>State reads (one per state an activation loads) of the grains whose key contains <paramref name="symbol"/>.</summary>
    public int ReadsOf(string symbol) => _reads.Where(read => read.Key.Contains(symbol, StringComparison.Ordinal)).Sum(read => read.Value);

    /// <summary>Lets the held writes (and every later one) through.</summary>
    public void Release()
    {
        lock (_sync)
        {
            _heldSymbol = null;
            _gate.TrySetResult();
            _gate = Opened();
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _reads.AddOrUpdate(grainId.Key.ToString()!, 1, (_, count) => count + 1);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        InterlockedMax(ref _mostWritesAtOnce, Interlocked.Increment(ref _writesStarted));
        try
        {
            await WriteThroughGateAsync(stateName, grainId, grainState);
        }
        finally
        {
            Interlocked.Decrement(ref _writesStarted);
        }
    }

    private async Task WriteThroughGateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Task gate;
        lock (_sync)
        {
            if (_failNext is { } failing && failing.StateName == stateName && grainId.Key.ToString()!.Contains(failing.Symbol, StringComparison.Ordinal))
            {
                _failNext = null;
                throw new IOException($"The test failed this write of '{stateName}', as a lost database connection would.");
            }

            gate = _heldSymbol is { } symbol && grainId.Key.ToString()!.Contains(symbol, StringComparison.Ordinal) ? _gate.Task : Task.CompletedTask;
        }

        if (gate.IsFaulted)
        {
            await gate; // Failing: throws what the gate failed with.
        }

        if (!gate.IsCompleted)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await gate;
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        var overlapping = _inFlight.AddOrUpdate((stateName, grainId), 1, (_, count) => count + 1);
        InterlockedMax(ref _maxOverlap, overlapping);
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _inFlight.AddOrUpdate((stateName, grainId), 0, (_, count) => count - 1);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.SetResult();
        return opened;
    }

    /// <summary>Replaces the silo's symbol grain storage with a <see cref="HeldGrainStorage"/> over it.</summary>
    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var services = siloBuilder.Services;
            var real = services.Last(service => service.ServiceType == typeof(IGrainStorage) && service.IsKeyedService && Equals(service.ServiceKey, K2StorageNames.Symbols));
            services.Remove(real);
            services.AddKeyedSingleton<IGrainStorage>(
                K2StorageNames.Symbols,
                (provider, key) => new HeldGrainStorage((IGrainStorage)real.KeyedImplementationFactory!(provider, key)));
        }
    }
}
