using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace K2.IngestBench.Freshness;

/// <summary>
/// Asks the running API for the probe symbol's newest trade (<c>GET /v1/trades</c>, newest first, limit 1) over and
/// over; whatever newer probe ids it sees count as visible at the moment the response arrived. That moment is late by
/// at most one poll (the request's round trip plus the pause between polls), the measurement's resolution.
/// </summary>
internal sealed class HotPoller(Uri api, ProbeLedger ledger, TimeSpan pause)
{
    private readonly List<double> _roundTrips = [];

    public IReadOnlyCollection<double> RoundTrips => _roundTrips;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
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

                await Task.Delay(pause, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
