using K2.Ingestion.Asx.Autoload;
using K2.Ingestion.Asx.Cli;
using K2.Ingestion.Binance.Hosting;
using K2.Ingestion.DeadLetters.Cli;
using K2.Kafka.Hosting;

// Batch commands run instead of the web host and exit with their own code (see K2.Ingestion/Asx/Cli).
if (AsxLoadCommand.IsInvocation(args))
{
    return await AsxLoadCommand.RunAsync(args, AddPublishing);
}

if (DlqCommand.IsInvocation(args))
{
    return await DlqCommand.RunAsync(args, AddPublishing);
}

var builder = WebApplication.CreateBuilder(args);

AddPublishing(builder);

// Feed handlers, each self-contained under its own folder.
builder.AddBinanceFeed();
builder.AddAsxSampleAutoload();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
return 0;

// What both the web host and batch commands need: telemetry and the Kafka publishers (IMarketDataPublisher,
// IDeadLetterPublisher). Feeds do not belong here.
static void AddPublishing(IHostApplicationBuilder builder)
{
    builder.AddServiceDefaults();
    builder.Services.AddK2Kafka(builder.Configuration);
}
