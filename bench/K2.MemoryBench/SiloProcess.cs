using System.Diagnostics;
using System.Globalization;
using K2.Bench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace K2.MemoryBench;

/// <summary>
/// The silo as a child process (this program with <c>--silo</c>), so the measured RSS and heap are the silo's alone,
/// and an Orleans client in this process that reaches it through the PostgreSQL membership table.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly IHost _client;

    private SiloProcess(Process process, IHost client)
    {
        _process = process;
        _client = client;
    }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public int ProcessId => _process.Id;

    /// <summary>Resident set size of the silo process, as the kernel counts it.</summary>
    public long RssBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public static async Task<SiloProcess> StartAsync(string postgres, IReadOnlyDictionary<string, string> settings, TextWriter log)
    {
        var clusterId = "k2-memory-" + Guid.NewGuid().ToString("N")[..8];
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self, [typeof(SiloProcess).Assembly.Location, "--silo"])
            : new ProcessStartInfo(self, ["--silo"]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        start.Environment["ConnectionStrings__k2db"] = postgres;
        start.Environment["Orleans__ClusterId"] = clusterId;
        start.Environment["Orleans__ServiceId"] = clusterId;
        start.Environment["Orleans__SiloPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        using var ready = new CancellationTokenSource(StartTimeout);
        while (await process.StandardOutput.ReadLineAsync(ready.Token) is { } line && line != SiloHost.ReadyLine)
        {
            await log.WriteLineAsync("silo: " + line);
        }

        // Keep draining its output so a chatty silo never blocks on a full pipe.
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                await log.WriteLineAsync("silo: " + line);
            }
        });

        var client = Host.CreateApplicationBuilder();
        client.Services.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = clusterId;
            options.ServiceId = clusterId;
        });
        client.UseOrleansClient(orleans => orleans.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = postgres;
        }));
        var host = client.Build();
        await host.StartAsync();
        await log.WriteLineAsync($"silo process {process.Id} started, client connected");
        return new SiloProcess(process, host);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        _process.StandardInput.Close();
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
