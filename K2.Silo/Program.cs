using K2.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var connectionString = builder.Configuration.GetK2DatabaseConnectionString();
var cluster = builder.Configuration.GetK2ClusterOptions();
builder.UseOrleans(silo => silo.UseK2Postgres(connectionString).UseK2Cluster(cluster));
builder.Services.AddK2SymbolGrains(builder.Configuration);

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
