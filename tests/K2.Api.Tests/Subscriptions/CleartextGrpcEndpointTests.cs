using System.Net;
using System.Net.Sockets;
using Google.Protobuf.Reflection;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using K2.Api.Grpc.V1;
using K2.Testing;

namespace K2.Api.Tests.Subscriptions;

/// <summary>
/// The API on real sockets with the local run's two Kestrel endpoints (as the AppHost configures them): <c>http</c>
/// for REST and <c>grpc</c>, HTTP/2 only, so plain-text gRPC clients (grpcurl -plaintext, GrpcChannel on http://)
/// reach it with HTTP/2 prior knowledge.
/// </summary>
public sealed class CleartextGrpcFixture : ApiFixture
{
    public int HttpPort { get; } = FreePort();

    public int GrpcPort { get; } = FreePort();

    protected override bool OnSockets => true;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{HttpPort}",
        ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{GrpcPort}",
        ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
    };

    /// <summary>What <c>grpcurl -plaintext 127.0.0.1:port</c> does: HTTP/2 without TLS, no upgrade.</summary>
    public GrpcChannel CreateCleartextChannel() => GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}");

    protected override async Task SeedAsync()
    {
        await LiveTrades.IngestAsync(Cluster.Client, "H2CUSDT", 1, 8, 4);
        await LiveTrades.IngestAsync(Cluster.Client, "H2CHISTUSDT", 1, 8, 4);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The README's grpcurl examples, made with a .NET gRPC client over the same cleartext HTTP/2 endpoint.</summary>
public sealed class CleartextGrpcEndpointTests(CleartextGrpcFixture fixture) : IClassFixture<CleartextGrpcFixture>
{
    [Fact]
    public async Task Reflection_lists_the_services_like_grpcurl_list()
    {
        using var channel = fixture.CreateCleartextChannel();

        var services = await ReflectAsync(channel, new ServerReflectionRequest { ListServices = string.Empty });

        Assert.Contains("k2.marketdata.v1.MarketData", services.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task Reflection_describes_MarketData_with_SubscribeTrades_like_grpcurl_describe()
    {
        using var channel = fixture.CreateCleartextChannel();

        var files = await ReflectAsync(channel, new ServerReflectionRequest { FileContainingSymbol = "k2.marketdata.v1.MarketData" });

        var service = files.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes))
            .SelectMany(file => file.Service)
            .Single(s => s.Name == "MarketData");
        var subscribe = service.Method.Single(m => m.Name == "SubscribeTrades");
        Assert.True(subscribe.ServerStreaming);
        Assert.Equal(["GetTrades", "StreamTrades", "GetOhlcv", "SubscribeTrades"], service.Method.Select(m => m.Name));
    }

    [Fact]
    public async Task A_history_call_works_over_cleartext_http2()
    {
        using var channel = fixture.CreateCleartextChannel();

        var page = await new MarketData.MarketDataClient(channel).GetTradesAsync(new TradesRequest { Exchange = "BINANCE", Symbol = "H2CHISTUSDT", Limit = 5 });

        Assert.Equal([8L, 7L, 6L, 5L, 4L], page.Trades.Select(t => t.PlatformSequence));
    }

    [Fact]
    public async Task SubscribeTrades_works_over_cleartext_http2()
    {
        using var channel = fixture.CreateCleartextChannel();

        using var call = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(3, "BINANCE/H2CUSDT"));
        var backfill = await LiveTrades.NextAsync(call.ResponseStream);
        await LiveTrades.IngestAsync(fixture.Cluster.Client, "H2CUSDT", 9, 2, 2);
        var live = await LiveTrades.NextAsync(call.ResponseStream);

        Assert.Equal([6L, 7L, 8L], backfill.Trades.Select(t => t.PlatformSequence));
        Assert.Equal([9L, 10L], live.Trades.Select(t => t.PlatformSequence));
    }

    [Fact]
    public async Task The_http_endpoint_still_serves_rest_over_http_1_1()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.HttpPort}") };

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpVersion.Version11, health.Version);
    }

    private static async Task<ServerReflectionResponse> ReflectAsync(GrpcChannel channel, ServerReflectionRequest request)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Generous);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        return call.ResponseStream.Current;
    }
}
