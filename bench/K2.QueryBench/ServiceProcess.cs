using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace K2.QueryBench;

/// <summary>
/// A K2 service (<c>dotnet K2.Silo.dll</c> / <c>K2.Api.dll</c> from its Release output) as a separate OS process,
/// configured through environment variables as a deployment would be, its output in a log file (the pattern of the
/// chaos tests' <c>SiloProcess</c>: exec keeps the pid the service's own).
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;

    private ServiceProcess(string name, Process process, int httpPort, string logPath)
    {
        Name = name;
        _process = process;
        HttpPort = httpPort;
        LogPath = logPath;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public int HttpPort { get; }

    public string LogPath { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The Release dll of <paramref name="project"/> in this checkout (bench/run-query.sh builds it).</summary>
    public static string Binary(string repositoryRoot, string project)
    {
        var dll = Path.Combine(repositoryRoot, project, "bin", "Release", "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} does not exist; build {project} in Release (bench/run-query.sh does).");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ServiceProcess> StartAsync(string name, string dll, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var httpPort = FreePort();
        var logPath = Path.Combine(logDirectory, name + ".log");
        var startInfo = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var argument in new[] { "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1 </dev/null", dll, logPath })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}";
        var service = new ServiceProcess(name, Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {name}."), httpPort, logPath);
        await service.WaitUntilAliveAsync();
        return service;
    }

    /// <summary>Polls <c>/alive</c>; the web server starts after the Orleans silo (or client) is up.</summary>
    private async Task WaitUntilAliveAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited during start-up; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/alive"), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !deadline.IsCancellationRequested)
            {
                // Not listening yet.
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not serve /alive within {StartTimeout}; see {LogPath}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
