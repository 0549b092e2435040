using K2.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var connectionString = builder.Configuration.GetK2DatabaseConnectionString();
var cluster = builder.Configuration.GetK2ClusterOptions();
builder.UseOrleans(silo => silo.UseK2Postgres(connectionString).UseK2Cluster(cluster).UseK2Tracing());
builder.Services.AddK2SymbolGrains(builder.Configuration);
builder.Services.AddK2TableMaintenance(builder.Configuration);
// After UseOrleans: hosted services start in registration order and stop in reverse, so the consumer starts after the
// silo and stops before it (it also waits for the silo to be active before its first grain call).
builder.Services.AddK2MarketDataConsumer(builder.Configuration);

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
