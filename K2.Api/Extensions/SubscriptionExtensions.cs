using K2.Api.Subscriptions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace K2.Api.Extensions;

internal static class SubscriptionExtensions
{
    /// <summary>Live trade subscriptions (gRPC <c>SubscribeTrades</c>): limits from <c>K2:Subscriptions</c>, validated at start.</summary>
    public static WebApplicationBuilder AddK2Subscriptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SubscriptionOptions>()
            .Bind(builder.Configuration.GetSection(SubscriptionOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultBackfill <= o.MaxBackfill, $"{SubscriptionOptions.SectionName}:DefaultBackfill must not exceed MaxBackfill.")
            .Validate(o => o.RenewInterval > TimeSpan.Zero && o.RenewInterval < o.Lease, $"{SubscriptionOptions.SectionName}:RenewInterval must be positive and shorter than Lease.")
            .Validate(o => o.OverflowGrace >= TimeSpan.Zero, $"{SubscriptionOptions.SectionName}:OverflowGrace must not be negative.")
            .ValidateOnStart();
        builder.Services.TryAddKeyedSingleton(SubscriptionOptions.ClockKey, TimeProvider.System);
        builder.Services.AddSingleton<SubscriptionMetrics>();
        builder.Services.AddSingleton<SubscriptionRequestParser>();
        builder.Services.AddSingleton<TradeFeedHub>();
        return builder;
    }
}
