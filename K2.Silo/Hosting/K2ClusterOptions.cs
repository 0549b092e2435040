namespace K2.Silo.Hosting;

/// <summary>
/// Where a K2 silo sits: its cluster and service identity and its ports, bound from the <c>Orleans</c>
/// configuration section (e.g. <c>Orleans__ClusterId</c>, <c>Orleans__SiloPort</c>).
/// </summary>
public sealed class K2ClusterOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Orleans";

    /// <summary>Silos with the same cluster id form one cluster (membership rows are kept per cluster id).</summary>
    public string ClusterId { get; set; } = "k2";

    /// <summary>Grain state and reminders are kept per service id, so it must survive redeployments.</summary>
    public string ServiceId { get; set; } = "k2";

    /// <summary>Port for silo-to-silo traffic (Orleans' default).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect to (Orleans' default).</summary>
    public int GatewayPort { get; set; } = 30000;
}
