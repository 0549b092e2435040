var builder = DistributedApplication.CreateBuilder(args);

var silo = builder.AddProject<Projects.K2_Silo>("silo");
builder.AddProject<Projects.K2_Api>("api").WaitFor(silo);

builder.Build().Run();
