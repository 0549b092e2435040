using K2.Contracts.Model;
using K2.Ingestion.Asx;
using K2.Ingestion.Asx.Cli;
using K2.Ingestion.Tests.Asx.Support;
using K2.Kafka.Publishing;
using K2.Testing.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace K2.Ingestion.Tests.Asx.Cli;

public sealed class AsxLoadRunnerTests : IDisposable
{
    private readonly AsxTestDirectory _directory = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _errors = new();
    private readonly RecordingMarketDataPublisher _publisher = new();
    private readonly RecordingDeadLetterPublisher _deadLetters = new();

    public AsxLoadRunnerTests() =>
        _directory.WriteLines("trades/7078.csv", "03/11/2014,10:00:00.000,36.1,100,0,,", "03/11/2014,10:00:01.000,36.1,-100,0,,");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_load_with_rejected_rows_exits_0_dead_letters_them_and_warns()
    {
        var exitCode = await RunAsync(new AsxLoadArguments(_directory.Path, DryRun: false, Help: false), withPublishers: true);

        Assert.Equal(AsxExitCodes.Ok, exitCode);
        Assert.Single(_publisher.Trades);
        Assert.Single(_deadLetters.Letters);
        Assert.Contains("rows read", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("warning: 1 rows were rejected", _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_whole_sample_in_a_dry_run_needs_no_publisher_and_exits_0_without_warnings()
    {
        var exitCode = await RunAsync(new AsxLoadArguments(AsxSample.Directory, DryRun: true, Help: false), withPublishers: false);

        Assert.Equal(AsxExitCodes.Ok, exitCode);
        Assert.Contains("DRY RUN", _output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"rows read\s+99,628", _output.ToString());
        Assert.Equal(string.Empty, _errors.ToString());
    }

    [Fact]
    public async Task A_dry_run_prints_rejected_rows_and_publishes_nothing()
    {
        var exitCode = await RunAsync(new AsxLoadArguments(_directory.Path, DryRun: true, Help: false), withPublishers: true);

        Assert.Equal(AsxExitCodes.Ok, exitCode);
        Assert.Empty(_publisher.Trades);
        Assert.Empty(_deadLetters.Letters);
        Assert.Contains("rejected trades/7078.csv:line 2: NegativeNumber", _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_registered_publisher_a_real_load_is_fatal()
    {
        var exitCode = await RunAsync(new AsxLoadArguments(_directory.Path, DryRun: false, Help: false), withPublishers: false);

        Assert.Equal(AsxExitCodes.Fatal, exitCode);
        Assert.Contains("no IMarketDataPublisher is registered", _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_directory_is_fatal()
    {
        var exitCode = await RunAsync(new AsxLoadArguments(Path.Combine(_directory.Path, "missing"), DryRun: true, Help: false), withPublishers: false);

        Assert.Equal(AsxExitCodes.Fatal, exitCode);
        Assert.Contains("does not exist", _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_publisher_is_fatal()
    {
        var services = Services(withPublishers: false);
        services.AddSingleton<IMarketDataPublisher, FailingPublisher>();
        services.AddSingleton<IDeadLetterPublisher>(_deadLetters);

        var exitCode = await RunAsync(new AsxLoadArguments(_directory.Path, DryRun: false, Help: false), services);

        Assert.Equal(AsxExitCodes.Fatal, exitCode);
        Assert.Contains("broker unavailable", _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_exits_130()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exitCode = await RunAsync(new AsxLoadArguments(_directory.Path, DryRun: true, Help: false), Services(withPublishers: false), cancelled.Token);

        Assert.Equal(AsxExitCodes.Cancelled, exitCode);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        var exitCode = await RunAsync(new AsxLoadArguments(string.Empty, DryRun: false, Help: true), withPublishers: false);

        Assert.Equal(AsxExitCodes.Ok, exitCode);
        Assert.Contains("Usage: K2.Ingestion load-asx <dir> [--dry-run]", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_itself_exits_1_on_a_usage_error_and_0_on_a_dry_run_through_its_host()
    {
        Assert.Equal(AsxExitCodes.Usage, await AsxLoadCommand.RunAsync(["load-asx", "--bogus"], _ => { }));
        Assert.Equal(AsxExitCodes.Ok, await AsxLoadCommand.RunAsync(["load-asx", _directory.Path, "--dry-run"], _ => { }));
    }

    private Task<int> RunAsync(AsxLoadArguments arguments, bool withPublishers) =>
        RunAsync(arguments, Services(withPublishers));

    private async Task<int> RunAsync(AsxLoadArguments arguments, ServiceCollection services, CancellationToken cancellationToken = default)
    {
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<AsxLoadRunner>();
        return await runner.RunAsync(arguments, _output, _errors, interactive: false, cancellationToken);
    }

    private ServiceCollection Services(bool withPublishers)
    {
        var services = new ServiceCollection();
        services.AddAsxBatchLoader(new ConfigurationBuilder().Build());
        if (withPublishers)
        {
            services.AddSingleton<IMarketDataPublisher>(_publisher);
            services.AddSingleton<IDeadLetterPublisher>(_deadLetters);
        }

        return services;
    }

    private sealed class FailingPublisher : IMarketDataPublisher
    {
        public ValueTask PublishTradeAsync(Trade trade, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("broker unavailable");

        public ValueTask PublishQuoteAsync(Quote quote, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("broker unavailable");

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
