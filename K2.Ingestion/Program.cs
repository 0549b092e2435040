using K2.Ingestion.Asx.Cli;

// Batch commands run instead of the web host and exit with their own code (see K2.Ingestion/Asx/Cli).
if (AsxLoadCommand.IsInvocation(args))
{
    return await AsxLoadCommand.RunAsync(args, AddPublishing);
}

var builder = WebApplication.CreateBuilder(args);

AddPublishing(builder);

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
return 0;

// What both the web host and batch commands need: telemetry and the publishers (IMarketDataPublisher,
// IDeadLetterPublisher, registered here once the Kafka implementation lands). Feeds do not belong here.
static void AddPublishing(IHostApplicationBuilder builder) => builder.AddServiceDefaults();
