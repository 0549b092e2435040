using K2.Silo.Persistence;

namespace K2.Silo.Tests.Persistence;

/// <summary>A grain whose only job is to keep a value in the <see cref="K2StorageNames.Symbols"/> storage.</summary>
public interface IStateProbeGrain : IGrainWithStringKey
{
    Task SetAsync(int value);

    Task<int> GetAsync();

    Task ClearAsync();
}

[GenerateSerializer]
public sealed class StateProbe
{
    [Id(0)]
    public int Value { get; set; }
}

public sealed class StateProbeGrain([PersistentState("probe", K2StorageNames.Symbols)] IPersistentState<StateProbe> state)
    : Grain, IStateProbeGrain
{
    public async Task SetAsync(int value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task ClearAsync() => state.ClearStateAsync();
}
