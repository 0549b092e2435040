using K2.Ingestion.Binance.Hosting;
using K2.Ingestion.DeadLetters.Replay;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.DeadLetters.Cli;

/// <summary>
/// <c>K2.Ingestion dlq list|replay &lt;source&gt; …</c>: lists or re-publishes dead letters in a short-lived generic
/// host (configuration and the Kafka registrations), instead of the feed handlers' web host, and exits.
/// </summary>
public static class DlqCommand
{
    public const string Name = "dlq";

    public static bool IsInvocation(IReadOnlyList<string> args) =>
        args is { Count: > 0 } && string.Equals(args[0], Name, StringComparison.Ordinal);

    /// <param name="args">The process arguments, <c>dlq</c> first.</param>
    /// <param name="configureServices">Registers the Kafka clients (as the web host does); must not register feeds.</param>
    public static async Task<int> RunAsync(string[] args, Action<IHostApplicationBuilder> configureServices)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configureServices);
        if (!DlqArguments.TryParse(args[1..], out var arguments, out var error))
        {
            await Console.Error.WriteLineAsync($"error: {error}{Environment.NewLine}{Environment.NewLine}{DlqArguments.Usage}");
            return DlqExitCodes.Usage;
        }

        if (arguments.Help)
        {
            await Console.Out.WriteLineAsync(DlqArguments.Usage);
            return DlqExitCodes.Ok;
        }

        // The command's own arguments are not configuration; appsettings.json is looked up next to the binary.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        configureServices(builder);
        builder.AddDeadLetterTools();

        // Standard output is the listing: logs go to standard error, warnings and up only.
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
            return DlqExitCodes.Fatal;
        }

        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var exitCode = await host.Services.GetRequiredService<DlqRunner>().RunAsync(arguments, Console.Out, Console.Error, stopping);
        await host.StopAsync(CancellationToken.None);
        return exitCode;
    }

    /// <summary>The runner, the replay tool and what they need beyond <c>AddK2Kafka</c> (the Binance parser).</summary>
    public static TBuilder AddDeadLetterTools<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBinanceParsing();
        builder.Services.AddOptions<DlqCliOptions>()
            .Bind(builder.Configuration.GetSection(DlqCliOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddTransient<DeadLetterReplayTool>();
        builder.Services.AddTransient<DlqRunner>();
        return builder;
    }
}
