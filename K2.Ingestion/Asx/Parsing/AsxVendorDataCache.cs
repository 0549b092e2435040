namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// The <c>vendor_data</c> maps of one file's rows. Nearly every row has the same company id, venue and buyer id, so
/// the maps are built once per distinct combination and shared by the (immutable) records. Bounded like the string pool.
/// </summary>
public sealed class AsxVendorDataCache
{
    private readonly string _companyId;
    private readonly int _capacity;
    private readonly Dictionary<(string Venue, string BuyerId), IReadOnlyDictionary<string, string>> _maps = [];

    public AsxVendorDataCache(string companyId, int capacity)
    {
        ArgumentNullException.ThrowIfNull(companyId);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _companyId = companyId;
        _capacity = capacity;
    }

    /// <summary>Empty <paramref name="venue"/> or <paramref name="buyerId"/> are left out of the map.</summary>
    public IReadOnlyDictionary<string, string> Get(string venue = "", string buyerId = "")
    {
        if (_maps.TryGetValue((venue, buyerId), out var map))
        {
            return map;
        }

        map = Build(venue, buyerId);
        if (_maps.Count < _capacity)
        {
            _maps.Add((venue, buyerId), map);
        }

        return map;
    }

    private Dictionary<string, string> Build(string venue, string buyerId)
    {
        var map = new Dictionary<string, string>(3, StringComparer.Ordinal)
        {
            [AsxExchange.VendorKeys.CompanyId] = _companyId,
        };
        if (venue.Length > 0)
        {
            map[AsxExchange.VendorKeys.Venue] = venue;
        }

        if (buyerId.Length > 0)
        {
            map[AsxExchange.VendorKeys.BuyerId] = buyerId;
        }

        return map;
    }
}
