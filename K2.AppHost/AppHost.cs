using K2.AppHost.Resources;
using K2.Kafka.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var database = builder.AddK2Database("k2db");

// A configured ConnectionStrings:kafka (a real cluster) wins; otherwise the in-memory local broker runs inside this
// AppHost process for as long as the local run lasts. It is for development only, never a production broker.
var localBroker = builder.UsesLocalBroker();
LocalKafkaHosting.UseConfiguredOrLocalBroker(builder.Configuration);
var kafka = builder.AddConnectionString("kafka");
var warehouse = builder.GetK2WarehousePath();

var silo = builder.AddProject<Projects.K2_Silo>("silo")
    .WithReference(database)
    .WithReference(kafka)
    .WithEnvironment(LocalWarehouse.EnvironmentVariable, warehouse)
    .WithLocalBrokerConsumerSettings(localBroker)
    .WaitFor(database)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.K2_Api>("api")
    .WithReference(database)
    .WithEnvironment(LocalWarehouse.EnvironmentVariable, warehouse)
    .WaitFor(silo)
    .WithHttpHealthCheck("/health")
    .WithCleartextGrpcEndpoint()
    .WithExternalHttpEndpoints();

// Binance live (reconnecting with backoff where the network is unreachable) and, on the first run, the ASX sample.
builder.AddProject<Projects.K2_Ingestion>("ingestion")
    .WithReference(kafka)
    .WithLocalAsxSample()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
