using K2.Silo.Grains;
using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace K2.Silo.Hosting;

public static class SymbolGrainServiceExtensions
{
    /// <summary>What symbol grains need besides Orleans itself: their options, validated at start.</summary>
    public static IServiceCollection AddK2SymbolGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntegrityOptions>()
            .Bind(configuration.GetSection(IntegrityOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(HasKnownTimeZones, "K2:Integrity names a time zone this machine does not know.")
            .ValidateOnStart();
        services.AddOptions<HotWindowOptions>()
            .Bind(configuration.GetSection(HotWindowOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => options.MaxAge > TimeSpan.Zero, "K2:HotWindow:MaxAge must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SessionCalendars>();
        services.TryAddSingleton<SymbolGrainServices>();
        return services;
    }

    private static bool HasKnownTimeZones(IntegrityOptions options) =>
        options.ExchangeTimeZones.Values.Append(options.DefaultSessionTimeZone)
            .All(zone => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _));
}
