using K2.Ingestion.Asx.Loading;
using K2.Ingestion.Tests.Asx.Support;
using K2.Testing.Publishing;

namespace K2.Ingestion.Tests.Asx.Loading;

/// <summary>Loads the shipped sample once for all the tests that only read the result.</summary>
public sealed class AsxSampleLoadFixture : IAsyncLifetime
{
    internal RecordingMarketDataPublisher Publisher { get; } = new();

    internal RecordingDeadLetterPublisher DeadLetters { get; } = new();

    internal RecordingProgress Progress { get; } = new();

    public AsxLoadSummary Summary { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Summary = await AsxLoaders.Create().LoadAsync(AsxSample.Directory, Publisher, DeadLetters, Progress, CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;
}
