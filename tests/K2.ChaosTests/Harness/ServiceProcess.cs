using System.Diagnostics;
using System.Globalization;

namespace K2.ChaosTests.Harness;

/// <summary>
/// One K2 service as a separate OS process (<c>dotnet K2.Silo.dll</c>, or the feed handler's <c>K2.Ingestion.dll</c>),
/// configured only through environment variables as a deployment would be. <see cref="KillAsync"/> is SIGKILL: no
/// shutdown hook, no flush, no offset commit runs. Restarts reuse the same ports, so a silo's new incarnation supersedes
/// the dead one in the Orleans membership table at once.
/// Standard output and error go to <c>&lt;name&gt;.log</c> in the run directory, across incarnations (the console
/// logger's lines carry no time, so the harness's own markers do).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Action<int> _onStarted;
    private Process? _process;

    public ServiceProcess(string name, string dll, IReadOnlyDictionary<string, string> environment, int httpPort, string logDirectory, Action<int> onStarted)
    {
        Name = name;
        _dll = dll;
        _environment = environment;
        HttpPort = httpPort;
        _onStarted = onStarted;
        LogPath = Path.Combine(logDirectory, name + ".log");
    }

    public string Name { get; }

    public int HttpPort { get; }

    public string LogPath { get; }

    public bool IsRunning => _process is { HasExited: false };

    public int Incarnations { get; private set; }

    public void Start()
    {
        // The service writes straight to its log file: piping its output through this process would let a busy test host
        // (thread pool threads blocked in Kafka probes during an outage) fill the pipe and freeze the service's logging,
        // and with it the service. exec keeps the pid the service's own, so a kill reaches it.
        var startInfo = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        foreach (var argument in new[] { "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1 </dev/null", _dll, LogPath })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process?.Dispose();
        _process = process;
        Incarnations++;
        Append($"=== chaos harness: started {Name} incarnation {Incarnations}, pid {process.Id}");
        _onStarted(process.Id);
    }

    /// <summary>Waits until the process serves <c>/alive</c>: the web server starts after the hosted services (a silo: Orleans) started.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"{Name} exited during start-up; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}/alive"), deadline.Token);
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
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not serve /alive within {StartTimeout}; see {LogPath}.");
            }
        }
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Append($"=== chaos harness: SIGKILL {Name} pid {process.Id}");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    // Appends beside the silo's own output (both open the file for appending, so neither overwrites the other).
    private void Append(string line) => File.AppendAllText(LogPath, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}{Environment.NewLine}");
}
