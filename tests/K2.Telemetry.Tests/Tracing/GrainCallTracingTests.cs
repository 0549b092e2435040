using System.Diagnostics;
using System.Net;
using K2.Testing;

namespace K2.Telemetry.Tests.Tracing;

/// <summary>
/// One trace from an API request into the grain it asks: the request span, the Orleans client span of the grain
/// call as its child, and the silo's span of the same call as the client span's child.
/// </summary>
public sealed class GrainCallTracingTests(TracedApiFixture fixture) : IClassFixture<TracedApiFixture>
{
    private const string OrleansApplicationSource = "Microsoft.Orleans.Application";
    private const string GrainMethod = "GetIntegrityAsync";

    [Fact]
    public async Task A_grain_call_made_by_an_API_request_is_traced_as_its_child_on_both_sides()
    {
        // A symbol no other test touches, so the spans found below belong to this request.
        var symbol = "TRACE" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var path = $"/v1/symbols/BINANCE/{symbol}/integrity";

        // The grain answers that it holds nothing yet: the API's 404 comes after the grain call this test traces.
        using var response = await fixture.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // The request span ends when the pipeline finishes, which may be just after the client has the response.
        Activity? request = null;
        await Poll.UntilAsync(
            () => (request = fixture.Spans.SingleOrDefault(span => span.Kind == ActivityKind.Server && span.GetTagItem("url.path") as string == path)) is not null,
            $"the API's server span for {path} is exported");

        var inTrace = fixture.Spans.Where(span => span.TraceId == request!.TraceId).ToList();
        var clientCall = Assert.Single(inTrace, span =>
            span.Source.Name == OrleansApplicationSource && span.Kind == ActivityKind.Client && IsCallTo(span, GrainMethod));
        var siloCall = Assert.Single(inTrace, span =>
            span.Source.Name == OrleansApplicationSource && span.Kind == ActivityKind.Server && IsCallTo(span, GrainMethod));

        Assert.Equal(request!.SpanId, clientCall.ParentSpanId);
        Assert.Equal(clientCall.SpanId, siloCall.ParentSpanId);
    }

    private static bool IsCallTo(Activity span, string method) =>
        span.GetTagItem("rpc.method") as string == method || span.DisplayName.EndsWith("/" + method, StringComparison.Ordinal);
}
