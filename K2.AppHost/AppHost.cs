using K2.AppHost.Resources;

var builder = DistributedApplication.CreateBuilder(args);

var database = builder.AddK2Database("k2db");

var silo = builder.AddProject<Projects.K2_Silo>("silo")
    .WithReference(database)
    .WaitFor(database)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.K2_Api>("api")
    .WithReference(database)
    .WaitFor(silo)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.Build().Run();
