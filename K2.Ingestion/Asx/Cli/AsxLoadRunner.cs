using K2.Ingestion.Asx.Cli.DryRun;
using K2.Ingestion.Asx.Loading;
using K2.Kafka.Publishing;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Asx.Cli;

/// <summary>
/// The body of <c>load-asx</c>, apart from the host and the real console so it can be tested: chooses the publishers,
/// runs <see cref="AsxBatchLoader"/> with a progress display, prints the summary and decides the exit code.
/// </summary>
public sealed class AsxLoadRunner
{
    private readonly AsxBatchLoader _loader;
    private readonly IServiceProvider _services;
    private readonly AsxConsoleOptions _options;
    private readonly TimeProvider _time;

    public AsxLoadRunner(AsxBatchLoader loader, IServiceProvider services, IOptions<AsxConsoleOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _loader = loader;
        _services = services;
        _options = options.Value;
        _time = time;
    }

    /// <param name="arguments">Parsed arguments.</param>
    /// <param name="output">Progress and summary.</param>
    /// <param name="errors">Errors, warnings and, in a dry run, the rejected rows.</param>
    /// <param name="interactive">True for a terminal (progress bar), false for redirected output (periodic lines).</param>
    /// <param name="cancellationToken">Stops the load; the exit code is then <see cref="AsxExitCodes.Cancelled"/>.</param>
    public async Task<int> RunAsync(AsxLoadArguments arguments, TextWriter output, TextWriter errors, bool interactive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (arguments.Help)
        {
            output.WriteLine(AsxLoadArguments.Usage);
            return AsxExitCodes.Ok;
        }

        var progress = new AsxProgressRenderer(output, interactive, _options, _time);
        var dryRunRejects = arguments.DryRun ? new ConsoleDeadLetterSink(errors, _options.DryRunRejectsShown, progress.EndLine) : null;
        var publisher = arguments.DryRun ? new DiscardingMarketDataPublisher() : _services.GetService(typeof(IMarketDataPublisher)) as IMarketDataPublisher;
        var deadLetters = dryRunRejects ?? _services.GetService(typeof(IDeadLetterPublisher)) as IDeadLetterPublisher;
        if (publisher is null || deadLetters is null)
        {
            errors.WriteLine(
                $"error: no {(publisher is null ? nameof(IMarketDataPublisher) : nameof(IDeadLetterPublisher))} is registered, so there is nowhere to publish. Use --dry-run to validate the files without publishing.");
            return AsxExitCodes.Fatal;
        }

        AsxLoadSummary summary;
        try
        {
            summary = await _loader.LoadAsync(arguments.Directory, publisher, deadLetters, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.EndLine();
            errors.WriteLine("Interrupted: the load stopped part-way. Rows published so far stay published; a rerun republishes them with the same ids.");
            return AsxExitCodes.Cancelled;
        }
        catch (AsxLoadException exception)
        {
            progress.EndLine();
            errors.WriteLine($"error: {exception.Message}");
            if (!Path.IsPathRooted(arguments.Directory))
            {
                // `dotnet run` starts a web project in its project folder, not where the command was typed.
                errors.WriteLine($"note: '{arguments.Directory}' was taken relative to the working directory {Environment.CurrentDirectory}; `dotnet run --project K2.Ingestion` runs in K2.Ingestion/, so pass an absolute path there.");
            }

            return AsxExitCodes.Fatal;
        }
        catch (Exception exception)
        {
            // A failing publisher or disk: the load cannot go on, and the exit code must say so.
            progress.EndLine();
            errors.WriteLine($"error: the load failed part-way: {exception.GetType().Name}: {exception.Message}");
            return AsxExitCodes.Fatal;
        }

        dryRunRejects?.WriteOmitted();
        AsxSummaryWriter.Write(output, summary, arguments.DryRun);
        if (summary.Rejected > 0)
        {
            errors.WriteLine(arguments.DryRun
                ? $"warning: {summary.Rejected} rows would be rejected and dead-lettered (listed above)."
                : $"warning: {summary.Rejected} rows were rejected and sent to the '{AsxExchange.DeadLetterSource}' dead-letter queue; fix and reload them from there.");
        }

        return AsxExitCodes.Ok;
    }
}
