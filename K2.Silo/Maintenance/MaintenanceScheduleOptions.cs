using System.ComponentModel.DataAnnotations;

namespace K2.Silo.Maintenance;

/// <summary>When the silo runs table maintenance, and on which tables. Bound from <c>K2:Maintenance:Schedule</c>.</summary>
public sealed class MaintenanceScheduleOptions
{
    public const string SectionName = "K2:Maintenance:Schedule";

    /// <summary>
    /// Time between runs per table (an Orleans reminder period: at least its minimum, one minute by default). Runs
    /// fall on multiples of it since the Unix epoch (every full hour by default), so the silos re-registering the
    /// reminder at each start never push the next run back.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tables to maintain, as <c>namespace.table</c>.</summary>
    [MinLength(1)]
    public List<string> Tables { get; set; } = ["market_data.trades", "market_data.quotes"];
}
