using K2.Lakehouse.Maintenance;
using K2.Silo.Hosting;
using K2.Silo.Maintenance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace K2.Silo.Tests.Maintenance;

public sealed class TableMaintenanceRegistrationTests
{
    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging().AddK2TableMaintenance(configuration);
        return services;
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) => Services(settings).BuildServiceProvider();

    // The scheduler needs the silo's grain factory, so only its registration is checked outside a silo.
    private static bool RegistersScheduler(ServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>) && d.ImplementationType == typeof(MaintenanceScheduler));

    [Fact]
    public void Without_a_warehouse_no_maintenance_is_registered_only_a_start_up_warning()
    {
        var services = Services([]);

        Assert.False(RegistersScheduler(services));
        using var provider = services.BuildServiceProvider();
        Assert.IsType<MaintenanceDisabledNotice>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.Null(provider.GetService<TableMaintenance>());
    }

    [Fact]
    public void With_a_warehouse_the_schedule_defaults_cover_both_tables()
    {
        var services = Services(new()
        {
            ["ConnectionStrings:k2db"] = "Host=127.0.0.1;Port=1;Username=postgres",
            ["K2:Lakehouse:WarehousePath"] = Path.Combine(Path.GetTempPath(), $"k2-unused-{Guid.NewGuid():N}"),
        });

        Assert.True(RegistersScheduler(services));
        Assert.Contains(services, d => d.ServiceType == typeof(TableMaintenance));
        using var provider = services.BuildServiceProvider();
        var schedule = provider.GetRequiredService<IOptions<MaintenanceScheduleOptions>>().Value;
        Assert.Equal(["market_data.trades", "market_data.quotes"], schedule.Tables);
        Assert.Equal("k2.", provider.GetRequiredService<IOptions<MaintenanceOptions>>().Value.InheritedSummaryPrefix);
    }

    [Fact]
    public void A_table_name_without_a_namespace_stops_the_start()
    {
        using var provider = Provider(new()
        {
            ["ConnectionStrings:k2db"] = "Host=127.0.0.1;Port=1;Username=postgres",
            ["K2:Lakehouse:WarehousePath"] = Path.Combine(Path.GetTempPath(), $"k2-unused-{Guid.NewGuid():N}"),
            ["K2:Maintenance:Schedule:Tables:0"] = "trades",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MaintenanceScheduleOptions>>().Value);
        Assert.Contains("namespace.table", error.Message, StringComparison.Ordinal);
    }
}
