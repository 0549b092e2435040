using System.Globalization;
using K2.Ingestion.DeadLetters.Replay;
using K2.Kafka.Configuration;
using K2.Kafka.DeadLetters;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.DeadLetters.Cli;

/// <summary>Runs <c>dlq list</c> and <c>dlq replay</c> against the configured Kafka cluster and returns the exit code.</summary>
public sealed class DlqRunner(
    DeadLetterReader reader,
    DeadLetterReplayTool replay,
    IOptions<KafkaOptions> kafka,
    IOptions<DlqCliOptions> options)
{
    public async Task<int> RunAsync(DlqArguments arguments, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!kafka.Value.Topics.EffectiveDeadLetterSources.Contains(arguments.Source, StringComparer.Ordinal))
        {
            await errors.WriteLineAsync($"error: unknown dead-letter source '{arguments.Source}'; known: {string.Join(", ", kafka.Value.Topics.EffectiveDeadLetterSources)}.");
            return DlqExitCodes.Fatal;
        }

        try
        {
            return arguments.Action == DlqAction.List
                ? await ListAsync(arguments, output, cancellationToken)
                : await ReplayAsync(arguments, output, errors, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync("interrupted");
            return DlqExitCodes.Cancelled;
        }
        catch (Exception exception) when (exception is Confluent.Kafka.KafkaException or K2.Kafka.Publishing.KafkaDeliveryException or InvalidOperationException or TimeoutException)
        {
            await errors.WriteLineAsync($"error: {exception.Message}");
            return DlqExitCodes.Fatal;
        }
    }

    private async Task<int> ListAsync(DlqArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var limit = arguments.Limit ?? options.Value.DefaultListLimit;
        // With a stage filter the first `limit` records may all be of other stages, so scan further and filter.
        var scan = arguments.Stage is null ? limit : Math.Max(limit, options.Value.MaxReplayScan);
        var records = (await reader.ListAsync(arguments.Source, scan, cancellationToken))
            .Where(record => arguments.Stage is null || string.Equals(record.Letter.Stage, arguments.Stage, StringComparison.Ordinal))
            .Take(limit)
            .ToList();
        foreach (var record in records)
        {
            await DeadLetterText.WriteAsync(output, record, options.Value.PayloadPreviewBytes);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{records.Count} dead letter(s) listed from {records.FirstOrDefault()?.Topic ?? "k2.dlq." + arguments.Source}"));
        return DlqExitCodes.Ok;
    }

    private async Task<int> ReplayAsync(DlqArguments arguments, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var all = await reader.ListAsync(arguments.Source, options.Value.MaxReplayScan, cancellationToken);
        var chosen = all
            .Where(record => arguments.Stage is null || string.Equals(record.Letter.Stage, arguments.Stage, StringComparison.Ordinal))
            .Where(record => arguments.Ids.Count == 0 || arguments.Ids.Contains(record.Id, StringComparer.Ordinal))
            .ToList();
        var missing = arguments.Ids.Except(chosen.Select(record => record.Id), StringComparer.Ordinal).ToList();
        foreach (var id in missing)
        {
            await errors.WriteLineAsync($"not found: {id}");
        }

        var report = await replay.ReplayAsync(chosen, arguments.DryRun, cancellationToken);
        var verb = arguments.DryRun ? "would replay" : "replayed";
        foreach (var line in report.Lines)
        {
            await (line.Replayed ? output : errors).WriteLineAsync(line.Replayed ? $"{verb} {line.Id} -> {line.Outcome}" : $"not replayed {line.Id}: {line.Outcome}");
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{(arguments.DryRun ? "DRY RUN: " : string.Empty)}{report.Replayed} {verb}, {report.NotReplayed + missing.Count} not replayed, of {chosen.Count} chosen"));
        return report.NotReplayed + missing.Count == 0 ? DlqExitCodes.Ok : DlqExitCodes.NotAllReplayed;
    }
}
