using Microsoft.Extensions.Options;

namespace K2.Silo.Persistence;

/// <summary>
/// Runs <see cref="OrleansSchemaInstaller"/> during silo start-up, early enough that the tables and queries exist
/// before any ADO.NET provider reads them: membership (MembershipTableManager) starts at
/// <see cref="ServiceLifecycleStage.RuntimeGrainServices"/>, grain storage at
/// <see cref="ServiceLifecycleStage.ApplicationServices"/>, reminders later still.
/// </summary>
internal sealed class OrleansSchemaLifecycleParticipant(OrleansSchemaInstaller installer, IOptions<OrleansSchemaOptions> options)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OrleansSchemaLifecycleParticipant), options.Value.LifecycleStage, installer.InstallAsync);
}
