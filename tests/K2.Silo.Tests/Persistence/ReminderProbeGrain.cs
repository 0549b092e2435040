namespace K2.Silo.Tests.Persistence;

/// <summary>A grain that registers reminders far in the future, to see them land in (and leave) the reminder table.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName);

    Task UnregisterAsync(string reminderName);

    Task<string[]> ReminderNamesAsync();
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    // Far enough away that no reminder fires during a test run.
    private static readonly TimeSpan DueAndPeriod = TimeSpan.FromHours(1);

    public Task RegisterAsync(string reminderName) => this.RegisterOrUpdateReminder(reminderName, DueAndPeriod, DueAndPeriod);

    public async Task UnregisterAsync(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName)
            ?? throw new InvalidOperationException($"No reminder named {reminderName}.");
        await this.UnregisterReminder(reminder);
    }

    public async Task<string[]> ReminderNamesAsync() =>
        [.. (await this.GetReminders()).Select(reminder => reminder.ReminderName).Order(StringComparer.Ordinal)];

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
