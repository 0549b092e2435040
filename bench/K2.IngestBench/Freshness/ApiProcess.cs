using System.Diagnostics;
using System.Globalization;
using System.Net;
using K2.Bench;

namespace K2.IngestBench.Freshness;

/// <summary>
/// The real K2.Api (its own Program.cs, Kestrel, the Orleans client finding the silo through the PostgreSQL membership
/// table) as a separate process on a loopback port, so its CPU and GC are its own as in a deployment.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly string _logPath;

    private ApiProcess(Process process, Uri baseAddress, string logPath)
    {
        _process = process;
        BaseAddress = baseAddress;
        _logPath = logPath;
    }

    public Uri BaseAddress { get; }

    public static async Task<ApiProcess> StartAsync(string apiAssembly, IReadOnlyDictionary<string, string> settings, TextWriter log)
    {
        if (!File.Exists(apiAssembly))
        {
            throw new FileNotFoundException($"K2.Api is not built at '{apiAssembly}'; bench/run-ingest.sh builds it (or set K2_BENCH_API_DLL).", apiAssembly);
        }

        var port = LoopbackPort.Free();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [apiAssembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var logPath = Path.Combine(Path.GetTempPath(), $"k2-bench-api-{port}.log");
        var output = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start K2.Api.");
        process.OutputDataReceived += (_, e) => WriteLine(output, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, baseAddress, logPath);
        await api.WaitHealthyAsync();
        log.WriteLine($"K2.Api (pid {process.Id}) listening on {baseAddress}; its log: {logPath}");
        return api;
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

    private static void WriteLine(StreamWriter output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.WriteLine(line);
            }
        }
    }

    /// <summary>Healthy includes the Orleans client's check: the API has found the silo's gateway.</summary>
    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"K2.Api exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}; see {_logPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Kestrel not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A health check still waiting on the cluster.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"K2.Api did not report healthy within {StartTimeout}; see {_logPath}.");
    }
}
