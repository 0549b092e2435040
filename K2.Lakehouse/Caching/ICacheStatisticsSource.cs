namespace K2.Lakehouse.Caching;

/// <summary>
/// A component that keeps bounded caches and reports each under a stable name: the <c>cache</c> tag of the API's
/// <c>k2.api.query_cache.*</c> metrics, so an operator can see whether a cache bound is too small for the load.
/// </summary>
public interface ICacheStatisticsSource
{
    IEnumerable<NamedCacheStatistics> ReadCacheStatistics();
}

/// <summary>One cache's <see cref="CacheStatistics"/> under the name metrics report it by.</summary>
public readonly record struct NamedCacheStatistics(string Cache, CacheStatistics Statistics);
