namespace K2.Contracts.Grains;

/// <summary>
/// The Orleans cluster and service id that silos and clients use unless configuration (section <c>Orleans</c>)
/// says otherwise. Both sides must agree, or a client finds no gateway in the membership table.
/// </summary>
public static class ClusterIdentity
{
    public const string ConfigurationSection = "Orleans";

    public const string DefaultClusterId = "k2";

    public const string DefaultServiceId = "k2";
}
