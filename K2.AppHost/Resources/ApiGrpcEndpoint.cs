using System.Globalization;

namespace K2.AppHost.Resources;

/// <summary>
/// The API's cleartext gRPC endpoint. Without TLS there is no protocol negotiation, so a gRPC client speaks HTTP/2
/// with prior knowledge, which Kestrel accepts only on an endpoint limited to HTTP/2 (a cleartext endpoint for both
/// versions answers HTTP/1.1). The local API therefore listens twice: <c>http</c> (launch profile, port 5080) for
/// REST and browsers, and <c>grpc</c> (<c>K2:LocalApi:GrpcPort</c>, default 5083) for gRPC only.
/// </summary>
public static class ApiGrpcEndpoint
{
    public const string Name = "grpc";

    public const string PortSetting = "K2:LocalApi:GrpcPort";

    public const int DefaultPort = 5083;

    private const string HttpEndpointName = "http";

    public static IResourceBuilder<ProjectResource> WithCleartextGrpcEndpoint(this IResourceBuilder<ProjectResource> api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var configured = api.ApplicationBuilder.Configuration[PortSetting];
        var port = configured is null ? DefaultPort : int.Parse(configured, CultureInfo.InvariantCulture);
        api.WithEndpoint(Name, endpoint =>
        {
            endpoint.Port = port;
            endpoint.UriScheme = "http";
            endpoint.Transport = "http2";
        }, createIfNotExists: true);

        var http = api.GetEndpoint(HttpEndpointName);
        var grpc = api.GetEndpoint(Name);
        return api.WithEnvironment(context =>
        {
            // Kestrel's endpoint configuration carries the protocol, and once present it replaces ASPNETCORE_URLS,
            // so both endpoints are declared there (on the ports Aspire allocated behind its proxies).
            context.EnvironmentVariables.Remove("ASPNETCORE_URLS");
            context.EnvironmentVariables[$"Kestrel__Endpoints__{HttpEndpointName}__Url"] = ReferenceExpression.Create($"http://localhost:{http.Property(EndpointProperty.TargetPort)}");
            context.EnvironmentVariables[$"Kestrel__Endpoints__{Name}__Url"] = ReferenceExpression.Create($"http://localhost:{grpc.Property(EndpointProperty.TargetPort)}");
            context.EnvironmentVariables[$"Kestrel__Endpoints__{Name}__Protocols"] = "Http2";
        });
    }
}
