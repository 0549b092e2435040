using K2.Ingestion.Asx.Autoload;
using K2.Ingestion.Tests.Asx.Support;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Hosting;
using K2.Kafka.Topics;
using K2.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Tests.Asx.Autoload;

/// <summary>The first-run ASX sample publish of the ingestion process, against a real (in-memory) broker.</summary>
public sealed class AsxSampleAutoloadTests : IAsyncLifetime
{
    private readonly LocalKafkaBroker _broker = new();
    private readonly string _marker = Path.Combine(Path.GetTempPath(), $"k2-autoload-{Guid.NewGuid():N}", "asx-sample.loaded");
    private string _bootstrap = string.Empty;

    public async Task InitializeAsync() =>
        _bootstrap = await _broker.StartAsync(1, KafkaTopicCatalog.Create(new KafkaTopicOptions()));

    public Task DisposeAsync()
    {
        _broker.Dispose();
        var folder = Path.GetDirectoryName(_marker)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_first_start_publishes_the_whole_sample_and_marks_it_and_the_next_start_publishes_nothing()
    {
        var (trades, quotes) = CountRows(AsxSample.Directory);

        var first = await RunOnceAsync(AsxSample.Directory);
        var afterFirst = (await CountAsync(KafkaTopics.AsxTrades), await CountAsync(KafkaTopics.AsxQuotes));
        var second = await RunOnceAsync(AsxSample.Directory);
        var afterSecond = (await CountAsync(KafkaTopics.AsxTrades), await CountAsync(KafkaTopics.AsxQuotes));

        Assert.Equal((AsxSampleAutoloadOutcome.Published, AsxSampleAutoloadOutcome.SkippedMarker), (first, second));
        Assert.Equal((trades, quotes), afterFirst);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Contains($"trades: {trades}, quotes: {quotes}, rejected: 0", await File.ReadAllTextAsync(_marker), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_marker_a_topic_that_already_holds_asx_trades_is_left_alone_and_the_marker_is_written()
    {
        var directory = new AsxTestDirectory();
        directory.WriteLines("trades/7078.csv", "03/11/2014,10:00:00.000,36.1,100,0,,");
        try
        {
            Assert.Equal(AsxSampleAutoloadOutcome.Published, await RunOnceAsync(directory.Path));
            File.Delete(_marker);

            var again = await RunOnceAsync(directory.Path);

            Assert.Equal(AsxSampleAutoloadOutcome.SkippedTopicNotEmpty, again);
            Assert.Equal(1L, await CountAsync(KafkaTopics.AsxTrades));
            Assert.True(File.Exists(_marker));
        }
        finally
        {
            directory.Dispose();
        }
    }

    [Fact]
    public async Task Unconfigured_it_does_nothing_and_a_directory_without_a_marker_file_stops_the_host()
    {
        using var off = Build(directory: null, marker: null);
        await off.StartAsync();
        var service = off.Services.GetRequiredService<AsxSampleAutoloadService>();
        await service.ExecuteTask!.WaitAsync(TestTimeouts.Generous);
        await off.StopAsync();

        using var noMarker = Build(AsxSample.Directory, marker: null);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => noMarker.StartAsync());

        Assert.Equal(AsxSampleAutoloadOutcome.Disabled, service.Outcome);
        Assert.Equal(0L, await CountAsync(KafkaTopics.AsxTrades));
        Assert.Contains(error.Failures, failure => failure.Contains("MarkerFile is required", StringComparison.Ordinal));
    }

    /// <summary>Trades and quotes in the sample, one per non-blank line: counted here without the loader.</summary>
    private static (long Trades, long Quotes) CountRows(string directory)
    {
        long Rows(string kind) => Directory.EnumerateFiles(Path.Combine(directory, kind), "*.csv")
            .Sum(file => File.ReadLines(file).Count(line => !string.IsNullOrWhiteSpace(line)));
        return (Rows("trades"), Rows("quotes"));
    }

    private async Task<AsxSampleAutoloadOutcome> RunOnceAsync(string directory)
    {
        using var host = Build(directory, _marker);
        await host.StartAsync();
        var service = host.Services.GetRequiredService<AsxSampleAutoloadService>();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(2));
        await host.StopAsync();
        return service.Outcome;
    }

    private Task<long> CountAsync(string topic) =>
        new TopicRecordCounter(Options.Create(new KafkaOptions { BootstrapServers = _bootstrap, ClientId = "k2-autoload-test" })).CountAsync(topic, CancellationToken.None);

    /// <summary>The ingestion host's Kafka and autoload registrations (Program.cs), on the test broker.</summary>
    private IHost Build(string? directory, string? marker)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = _bootstrap,
            ["K2:Kafka:ClientId"] = "k2-autoload-test",
            ["K2:Kafka:Admin:ProvisionTopicsOnStart"] = "false",
            [$"{AsxSampleAutoloadOptions.SectionName}:Directory"] = directory,
            [$"{AsxSampleAutoloadOptions.SectionName}:MarkerFile"] = marker,
        });
        builder.Services.AddK2Kafka(builder.Configuration);
        builder.AddAsxSampleAutoload();
        return builder.Build();
    }
}
