using Microsoft.Extensions.DependencyInjection;

namespace K2.Lakehouse.Storage;

public static class FaultInjectionServiceExtensions
{
    /// <summary>
    /// Wraps the registered <see cref="IWarehouseStorage"/> (local or Azure, whatever the configuration selects) in a
    /// <see cref="FaultInjectingWarehouseStorage"/>, which is also registered so a test can switch faults on and off.
    /// Call after <c>AddK2Lakehouse</c>. For tests only.
    /// </summary>
    public static IServiceCollection AddWarehouseFaultInjection(this IServiceCollection services)
    {
        var real = services.LastOrDefault(service => service.ServiceType == typeof(IWarehouseStorage))
            ?? throw new InvalidOperationException("Register the warehouse storage (AddK2Lakehouse) before wrapping it.");
        services.Remove(real);
        services.AddSingleton(provider => new FaultInjectingWarehouseStorage(Create(provider, real)));
        services.AddSingleton<IWarehouseStorage>(provider => provider.GetRequiredService<FaultInjectingWarehouseStorage>());
        return services;
    }

    private static IWarehouseStorage Create(IServiceProvider provider, ServiceDescriptor real) =>
        real.ImplementationInstance as IWarehouseStorage
        ?? real.ImplementationFactory?.Invoke(provider) as IWarehouseStorage
        ?? (IWarehouseStorage)ActivatorUtilities.CreateInstance(provider, real.ImplementationType!);
}
