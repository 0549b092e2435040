namespace K2.QueryBench;

/// <summary>
/// Before any timing: a few requests of every kind to both targets, whose answers must agree (same number of trades,
/// same candles and trade counts). It shows the two sides compute the same thing, so the latency ratio compares like
/// with like.
/// </summary>
internal static class AnswerCheck
{
    private const int RequestsPerKind = 3;

    public static async Task<IReadOnlyList<string>> CompareAsync(IQueryTarget api, IQueryTarget duckDb, QueryBenchOptions options, TableFacts facts)
    {
        var mismatches = new List<string>();
        var mix = new RequestMix(options.Symbols, options.Seed, facts);
        foreach (var kind in options.Queries)
        {
            for (var i = 0; i < RequestsPerKind; i++)
            {
                var draw = mix.Next(kind);
                QueryAnswer fromApi, fromDuckDb;
                try
                {
                    fromApi = await api.AnswerAsync(draw, 0, CancellationToken.None);
                    fromDuckDb = await duckDb.AnswerAsync(draw, 0, CancellationToken.None);
                }
                catch (Exception exception) when (exception is HttpRequestException or DuckDB.NET.Data.DuckDBException)
                {
                    mismatches.Add($"{kind} {string.Join(",", draw.Symbols)} {draw.From:O}: {exception.Message}");
                    continue;
                }

                if (fromApi != fromDuckDb || fromApi.Implausibility(draw) is not null)
                {
                    mismatches.Add($"{kind} {string.Join(",", draw.Symbols)} {draw.From:O}: API {fromApi}, DuckDB {fromDuckDb}");
                }
            }
        }

        return mismatches;
    }
}
