using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Asx.Cli;

/// <summary>
/// <c>K2.Ingestion load-asx &lt;dir&gt; [--dry-run]</c>: runs the ASX batch load in a short-lived generic host (for
/// configuration and the publishers' DI registrations) instead of the feed handlers' web host, and exits.
/// </summary>
public static class AsxLoadCommand
{
    public const string Name = "load-asx";

    public static bool IsInvocation(IReadOnlyList<string> args) =>
        args is { Count: > 0 } && string.Equals(args[0], Name, StringComparison.Ordinal);

    /// <param name="args">The process arguments, <c>load-asx</c> first.</param>
    /// <param name="configureServices">
    /// Registers what the load publishes through (<see cref="K2.Kafka.Publishing.IMarketDataPublisher"/>,
    /// <see cref="K2.Kafka.Publishing.IDeadLetterPublisher"/>), the same way the web host does. Must not register feeds:
    /// the host is started, so hosted services would run alongside the load.
    /// </param>
    public static async Task<int> RunAsync(string[] args, Action<IHostApplicationBuilder> configureServices)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configureServices);
        if (!AsxLoadArguments.TryParse(args[1..], out var arguments, out var error))
        {
            await Console.Error.WriteLineAsync($"error: {error}{Environment.NewLine}{Environment.NewLine}{AsxLoadArguments.Usage}");
            return AsxExitCodes.Usage;
        }

        if (arguments.Help)
        {
            await Console.Out.WriteLineAsync(AsxLoadArguments.Usage);
            return AsxExitCodes.Ok;
        }

        // The command's own arguments are not configuration ("--dry-run" has no value), so none reach the host; and
        // appsettings.json is looked up next to the binary, wherever the command is run from.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        configureServices(builder);
        builder.Services.AddAsxBatchLoader(builder.Configuration);

        // Standard output belongs to the progress bar and summary: logs go to standard error, warnings and up only.
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"error: invalid configuration: {exception.Message}");
            return AsxExitCodes.Fatal;
        }

        // Ctrl+C and SIGTERM stop the host, which cancels the load between rows.
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var runner = host.Services.GetRequiredService<AsxLoadRunner>();
        var exitCode = await runner.RunAsync(arguments, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected, stopping);
        await host.StopAsync(CancellationToken.None);
        return exitCode;
    }
}
