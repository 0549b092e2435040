using K2.Ingestion.Asx.Parsing;
using K2.Ingestion.Asx.Reference;
using K2.Kafka.Publishing;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Asx.Loading;

/// <summary>
/// Loads an ASX data directory (laid out like <c>data/asx-sample</c>) into K2: every trades row becomes a
/// <see cref="K2.Contracts.Model.Trade"/>, every quotes row a <see cref="K2.Contracts.Model.Quote"/>, every bad row a
/// dead letter, and the load carries on past bad rows. Ids are positional and deterministic, so loading the same
/// directory again publishes the same message ids, which downstream deduplication recognises.
/// </summary>
public sealed class AsxBatchLoader
{
    private readonly AsxLoaderOptions _options;
    private readonly TimeProvider _time;

    public AsxBatchLoader(IOptions<AsxLoaderOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _time = time;
    }

    /// <summary>
    /// Reads every file, publishes and dead-letters row by row, then flushes the publisher before returning.
    /// </summary>
    /// <exception cref="AsxLoadException">The directory, its company map or its data files are missing or unusable.</exception>
    public async Task<AsxLoadSummary> LoadAsync(
        string directory,
        IMarketDataPublisher publisher,
        IDeadLetterPublisher deadLetters,
        IProgress<AsxLoadProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(deadLetters);
        var data = AsxDataDirectory.Open(directory);
        var companies = await LoadCompanyMapAsync(data.CompanyMap, cancellationToken);
        var clock = new AsxExchangeClock(FindTimeZone(_options.TimeZone));
        var tally = new AsxLoadTally(data.TotalBytes, _time);
        var files = new AsxFileLoader(_options, companies, clock, publisher, deadLetters, progress, tally, _time);

        foreach (var file in data.Files)
        {
            await files.LoadAsync(file, cancellationToken);
        }

        await publisher.FlushAsync(cancellationToken);
        progress?.Report(tally.Progress(string.Empty, bytesOfCurrentFile: 0, completed: true));
        return tally.Summary();
    }

    private static async Task<AsxCompanyMap> LoadCompanyMapAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await AsxCompanyMap.LoadAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new AsxLoadException($"Cannot use company map '{path}': {exception.Message}", exception);
        }
    }

    private static TimeZoneInfo FindTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : throw new AsxLoadException($"Time zone '{id}' is not known on this machine (is the tz database installed?).");
}
