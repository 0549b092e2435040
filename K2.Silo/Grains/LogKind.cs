using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using Orleans.Serialization;

namespace K2.Silo.Grains;

/// <summary>
/// What every <see cref="LogStream{TState, TRecord, TSlot}"/> of one record kind shares across the silo: its name in
/// logs, the name its state is stored under, the copier of its state, the integrity bounds, the hot windows' shared
/// budget and the logger. One instance per kind rather than four references in every log of every symbol grain
/// (docs/benchmarks.md, "Session 10").
/// </summary>
internal sealed class LogKind<TState>(
    string name, string stateName, DeepCopier<TState> copier, IntegrityOptions integrity, HotWindowBudget hotWindow, ILogger logger)
    where TState : class, ILogState<TState>
{
    public string Name { get; } = name;

    /// <summary>The grain state the log's state is stored as (its ring's base rows are named after it).</summary>
    public string StateName { get; } = stateName;

    public IntegrityOptions Integrity { get; } = integrity;

    public DeepCopier<TState> Copier { get; } = copier;

    /// <summary>The hot window bounds, and the silo's budget all this kind's windows share.</summary>
    public HotWindowBudget HotWindow { get; } = hotWindow;

    public ILogger Logger { get; } = logger;
}
