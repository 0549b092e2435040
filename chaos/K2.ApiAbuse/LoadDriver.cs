using System.Collections.Concurrent;
using System.Diagnostics;

namespace K2.ApiAbuse;

/// <summary>
/// Sends every class's requests interleaved (valid queries arrive in the middle of the abuse, not before or after it)
/// with a fixed number in flight, and counts the answers per class and status. A request that gets no HTTP answer at
/// all (connection reset, client timeout) counts under status 0.
/// </summary>
internal sealed class LoadDriver(HttpClient http, int concurrency)
{
    public const string ApiKeyHeader = "X-API-Key";

    public async Task<IReadOnlyDictionary<string, ConcurrentDictionary<int, int>>> RunAsync(IReadOnlyList<AbuseClass> classes)
    {
        var counts = classes.ToDictionary(c => c.Name, _ => new ConcurrentDictionary<int, int>());
        var work = Interleave(classes);
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, token) =>
        {
            var (abuse, request) = item;
            var status = await SendAsync(abuse, request, token);
            counts[abuse.Name].AddOrUpdate(status, 1, (_, n) => n + 1);
        });
        return counts;
    }

    private async Task<int> SendAsync(AbuseClass abuse, Func<HttpRequestMessage> build, CancellationToken token)
    {
        using var request = build();
        if (abuse.ApiKey is not null)
        {
            request.Headers.Add(ApiKeyHeader, abuse.ApiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            await response.Content.CopyToAsync(Stream.Null, token);
            return (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            Trace.WriteLine($"{abuse.Name}: no answer: {exception.Message}");
            return 0;
        }
    }

    /// <summary>Round-robin over the classes until each has sent its count.</summary>
    private static IEnumerable<(AbuseClass, Func<HttpRequestMessage>)> Interleave(IReadOnlyList<AbuseClass> classes)
    {
        var sent = new int[classes.Count];
        while (true)
        {
            var any = false;
            for (var i = 0; i < classes.Count; i++)
            {
                if (sent[i] < classes[i].Count)
                {
                    any = true;
                    yield return (classes[i], classes[i].Requests[sent[i] % classes[i].Requests.Count]);
                    sent[i]++;
                }
            }

            if (!any)
            {
                yield break;
            }
        }
    }
}
