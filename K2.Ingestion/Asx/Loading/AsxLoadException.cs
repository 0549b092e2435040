namespace K2.Ingestion.Asx.Loading;

/// <summary>
/// The load cannot start or continue at all (no such directory, no company map, no data files) — unlike a bad row,
/// which is dead-lettered while the load goes on.
/// </summary>
public sealed class AsxLoadException : Exception
{
    public AsxLoadException()
    {
    }

    public AsxLoadException(string message)
        : base(message)
    {
    }

    public AsxLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
