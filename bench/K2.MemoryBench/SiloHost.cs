using K2.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K2.MemoryBench;

/// <summary>
/// The measured process (<c>--silo</c>): a K2 silo configured as K2.Silo's Program.cs does (symbol grains, and the
/// Kafka consumer with its flush when <c>ConnectionStrings:kafka</c> is set), and nothing else, settings from the
/// environment. It runs until its standard input closes.
/// </summary>
internal static class SiloHost
{
    public const string ReadyLine = "k2-memory-silo ready";

    public static async Task RunAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        ThreadPoolFloor.Apply(builder.Configuration); // as K2.Silo's AddServiceDefaults does: its threads count in the RSS
        var connectionString = builder.Configuration.GetK2DatabaseConnectionString();
        builder.UseOrleans(silo => silo.UseK2Postgres(connectionString).UseK2Cluster(builder.Configuration.GetK2ClusterOptions()));
        builder.Services.AddK2SymbolGrains(builder.Configuration);
        builder.Services.AddK2MarketDataConsumer(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        await Console.Out.WriteLineAsync(ReadyLine);
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await host.StopAsync();
    }
}
