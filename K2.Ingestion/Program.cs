using K2.Ingestion.Binance.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

// Feed handlers, each self-contained under its own folder.
builder.AddBinanceFeed();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
