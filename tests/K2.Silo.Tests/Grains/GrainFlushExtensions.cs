using K2.Contracts.Grains;

namespace K2.Silo.Tests.Grains;

internal static class GrainFlushExtensions
{
    /// <summary>
    /// A flush's two grain steps back to back, as the consumer's flush takes them (the cut on its loop, the persist in
    /// its background commit): the cut's refusal, or the persist's answer.
    /// </summary>
    public static async Task<FlushPreparation> PrepareFlushAsync(this ISymbolGrain grain, FlushCheckpoint checkpoint)
    {
        var cut = await grain.CutFlushAsync(checkpoint);
        return cut.IsPrepared ? await grain.PersistFlushAsync(checkpoint) : cut;
    }
}
