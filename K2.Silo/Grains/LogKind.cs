using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using Orleans.Serialization;

namespace K2.Silo.Grains;

/// <summary>
/// What every <see cref="LogStream{TState, TRecord, TSlot}"/> of one record kind shares across the silo: its name in
/// logs, the copier of its state, the hot window's bounds and the logger. One instance per kind rather than four
/// references in every log of every symbol grain (docs/benchmarks.md, "Session 10").
/// </summary>
internal sealed class LogKind<TState>(string name, DeepCopier<TState> copier, HotWindowOptions hotWindow, ILogger logger)
    where TState : class, ILogState<TState>
{
    public string Name { get; } = name;

    public DeepCopier<TState> Copier { get; } = copier;

    public HotWindowOptions HotWindow { get; } = hotWindow;

    public ILogger Logger { get; } = logger;
}
