using K2.AppHost.Resources;
using K2.Kafka.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var database = builder.AddK2Database("k2db");
var warehouse = LocalWarehouse.Resolve(builder);

// A configured ConnectionStrings:kafka (a real cluster) wins; otherwise the in-memory local broker runs inside this
// AppHost process for as long as the local run lasts. It is for development only, never a production broker.
LocalKafkaHosting.UseConfiguredOrLocalBroker(builder.Configuration);
var kafka = builder.AddConnectionString("kafka");

var silo = builder.AddProject<Projects.K2_Silo>("silo")
    .WithReference(database)
    .WithReference(kafka)
    .WaitFor(database)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.K2_Api>("api")
    .WithReference(database)
    .WithEnvironment(LocalWarehouse.EnvironmentVariable, warehouse)
    .WaitFor(silo)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.AddProject<Projects.K2_Ingestion>("ingestion")
    .WithReference(kafka)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
