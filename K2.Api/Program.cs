using K2.Api.Apis;
using K2.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddK2OrleansClient();
builder.AddK2Query();
builder.AddK2Safety();
builder.AddK2Grpc();
builder.AddK2Subscriptions();
builder.AddApplicationServices();

var app = builder.Build();

app.UseK2ErrorHandling();
app.UseK2Safety();
app.MapDefaultEndpoints();
app.MapV1Api();
app.MapK2Grpc();
app.MapK2ApiReference();

app.Run();
