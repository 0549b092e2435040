using System.Text;

namespace K2.ApiAbuse;

/// <summary>
/// One kind of request in the run: how to build its requests (cycling through <see cref="Requests"/>), which API key
/// it sends (each class its own, so each has its own rate-limit partition), and the statuses that are right for it.
/// </summary>
internal sealed record AbuseClass(string Name, string? ApiKey, IReadOnlyList<Func<HttpRequestMessage>> Requests, IReadOnlySet<int> Expected, int Count)
{
    public static Func<HttpRequestMessage> Get(string path) => () => new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));

    public static Func<HttpRequestMessage> Post(string path, string json) => () => new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    /// <summary>
    /// A body over the limit, with <c>Expect: 100-continue</c> as large uploads are sent: the API answers 413 before
    /// the body is sent, where a client already streaming it would only see the connection closed under it. Chunked
    /// (no Content-Length), the server's own body limit is what stops it.
    /// </summary>
    public static Func<HttpRequestMessage> PostOversized(string path, byte[] body, bool chunked) => () =>
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.ExpectContinue = true;
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        return request;
    };
}
