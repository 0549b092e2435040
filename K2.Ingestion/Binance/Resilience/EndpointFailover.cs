namespace K2.Ingestion.Binance.Resilience;

/// <summary>
/// The configured endpoints in failover order. A failed attempt moves to the next (wrapping round); a working
/// endpoint is kept, including for reconnects after a healthy session.
/// </summary>
internal sealed class EndpointFailover
{
    private readonly Uri[] _endpoints;
    private int _index;

    public EndpointFailover(IEnumerable<Uri> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = [.. endpoints];
        ArgumentOutOfRangeException.ThrowIfZero(_endpoints.Length, nameof(endpoints));
    }

    public Uri Current => _endpoints[_index];

    public void Advance() => _index = (_index + 1) % _endpoints.Length;
}
