using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace K2.Bench.Freshness;

/// <summary>
/// Asks the running API for the probe symbol's newest trade (<c>GET /v1/trades</c>, newest first, limit 1) over and
/// over; whatever newer probe ids it sees count as visible at the moment the response arrived. That moment is late by
/// at most one poll (the request's round trip plus the pause between polls), the measurement's resolution.
/// <paramref name="apiKey"/> is sent as <c>X-API-Key</c> when the API requires keys (Production).
/// </summary>
internal sealed class HotPoller(Uri api, ProbeLedger ledger, TimeSpan pause, string? apiKey = null)
{
    private const string ApiKeyHeader = "X-API-Key";
    private readonly List<double> _roundTrips = [];
    private int _failedPolls;

    public IReadOnlyCollection<double> RoundTrips => _roundTrips;

    /// <summary>Polls answered with another status than 200, or not answered at all.</summary>
    public int FailedPolls => Volatile.Read(ref _failedPolls);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        var path = new Uri($"/v1/trades?exchange={ProbeTrades.Exchange}&symbol={ProbeTrades.Symbol}&limit=1", UriKind.Relative);
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(path, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var page = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    var seen = Stopwatch.GetTimestamp();
                    _roundTrips.Add(Stopwatch.GetElapsedTime(sent, seen).TotalMilliseconds);
                    var trades = page.GetProperty("trades");
                    if (trades.GetArrayLength() > 0 && trades[0].GetProperty("sourceSequence").GetInt64() is var newest)
                    {
                        ledger.MarkThrough(ledger.Api, newest, seen);
                    }
                }
                else
                {
                    Interlocked.Increment(ref _failedPolls);
                }

                await Task.Delay(pause, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // No answer in time (an API under attack): the probe stays unseen until a later poll sees it.
                Interlocked.Increment(ref _failedPolls);
                await Task.Delay(pause, CancellationToken.None);
            }
        }
    }
}
