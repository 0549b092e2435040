namespace K2.ApiAbuse;

/// <summary>The request mix of the run: valid queries beside every kind of abuse issue 7 names.</summary>
internal static class AbuseClasses
{
    public const string Trades = "/v1/trades?exchange=BINANCE&symbol=BTCUSDT";

    /// <summary>One API key per class that sends one, so each class has its own rate-limit partition.</summary>
    public static readonly string[] KeyNames = ["valid", "injection", "limits", "malformed", "oversized", "slow", "burst"];

    private static readonly string[] Injection =
    [
        "'; DROP TABLE trades; --", "' OR '1'='1", "1 UNION SELECT * FROM pg_catalog.pg_tables--", "BTCUSDT') OR 1=1--",
        "read_parquet('/etc/passwd')", "1; COPY trades TO '/tmp/x'", "$1", "\\'; SELECT pg_sleep(10); --",
    ];

    private static readonly string[] BadLimits = ["-1", "0", "10001", "2147483648", "99999999999999999999", "-2147483649", "1e9", "%20", "0x10"];

    private static readonly string[] BadCursors = ["eyJWIjoxfQ.AAAA", "not-a-cursor", "..", "%00", new string('A', 5000), "eyJWIjoxLCJUIjoidHJhZGVzIn0=.="];

    private static readonly string[] BadTimes = ["yesterday", "2026-13-01T00:00:00Z", "2026-03-10T10:00:00.0000001Z", "99999-01-01", "-1", "2026-03-10T25:00:00Z"];

    private static readonly string[] Parameters = ["exchange", "symbol", "start", "end", "limit", "cursor", "order", "asOfSnapshot", "asOf"];

    public static IReadOnlyList<AbuseClass> All(AbuseRunOptions run, IReadOnlyDictionary<string, string> keys) =>
    [
        new("valid queries", keys["valid"],
        [
            AbuseClass.Get(Trades + "&limit=5"),
            AbuseClass.Get(Trades + "&limit=100&order=asc&start=2026-03-10T10:00:00Z"),
            AbuseClass.Get("/v1/ohlcv/1m?exchange=BINANCE&symbol=BTCUSDT&limit=10"),
            AbuseClass.Get("/v1/symbols"),
            AbuseClass.Get("/v1/snapshots?table=trades"),
            AbuseClass.Post("/v1/trades/query", """{"symbols":["BINANCE/BTCUSDT"],"fields":["timestamp","price","quantity"],"format":"csv","limit":100}"""),
        ], Statuses(200), run.RequestsPerClass),

        new("SQL injection in every parameter", keys["injection"],
        [
            .. Parameters.SelectMany(parameter => Injection.Select(payload =>
                AbuseClass.Get($"{Trades.Replace(parameter + "=", "x=", StringComparison.Ordinal)}&{parameter}={Uri.EscapeDataString(payload)}"))),
            .. Injection.Select(payload => AbuseClass.Get($"/v1/ohlcv/{Uri.EscapeDataString(payload)}?exchange=BINANCE&symbol=BTCUSDT")),
            .. Injection.Select(payload => AbuseClass.Get($"/v1/snapshots?table={Uri.EscapeDataString(payload)}")),
            .. Injection.Select(payload => AbuseClass.Get($"/v1/symbols/BINANCE/{Uri.EscapeDataString(payload)}/integrity")),
            AbuseClass.Get("/v1/symbols/%00/%00/integrity"),
            .. Injection.Select(payload => AbuseClass.Post("/v1/trades/query", $$"""{"symbols":["BINANCE/BTCUSDT"],"fields":["price"],"minPrice":{{System.Text.Json.JsonSerializer.Serialize(payload)}}}""")),
            .. Injection.Select(payload => AbuseClass.Post("/v1/trades/query", $$"""{"symbols":[{{System.Text.Json.JsonSerializer.Serialize(payload)}}]}""")),
        ], Statuses(400, 404), run.RequestsPerClass),

        new("huge, zero and negative limits", keys["limits"],
        [
            .. BadLimits.Select(limit => AbuseClass.Get($"{Trades}&limit={limit}")),
            AbuseClass.Post("/v1/trades/query", """{"symbols":["BINANCE/BTCUSDT"],"limit":-1}"""),
            AbuseClass.Post("/v1/trades/query", """{"symbols":["BINANCE/BTCUSDT"],"limit":99999999999}"""),
        ], Statuses(400), run.RequestsPerClass),

        new("malformed cursors and timestamps", keys["malformed"],
        [
            .. BadCursors.Select(cursor => AbuseClass.Get($"{Trades}&cursor={Uri.EscapeDataString(cursor)}")),
            .. BadTimes.Select(time => AbuseClass.Get($"{Trades}&start={Uri.EscapeDataString(time)}")),
            AbuseClass.Get($"{Trades}&start=2026-03-11T00:00:00Z&end=2026-03-10T00:00:00Z"),
            AbuseClass.Get($"{Trades}&asOf=not-a-time"),
            AbuseClass.Get($"{Trades}&asOfSnapshot=x1"),
        ], Statuses(400), run.RequestsPerClass),

        new("oversized bodies", keys["oversized"],
        [
            AbuseClass.PostOversized("/v1/trades/query", OversizedBody(run.OversizedBodyBytes), chunked: false),
            AbuseClass.PostOversized("/v1/trades/query", OversizedBody(run.OversizedBodyBytes), chunked: true),
        ], Statuses(413), run.OversizedRequests),

        new("slow queries (whole table, no limit)", keys["slow"],
        [
            AbuseClass.Post("/v1/trades/query", """{"symbols":["BINANCE/BTCUSDT"],"format":"parquet"}"""),
            AbuseClass.Post("/v1/trades/query", """{"symbols":["BINANCE/BTCUSDT"],"format":"json","maxPrice":"99999999"}"""),
            AbuseClass.Get("/v1/ohlcv/1m?exchange=BINANCE&symbol=BTCUSDT&limit=10000"),
        ], Statuses(200, 504), run.SlowRequests),

        new("missing API key", null, [AbuseClass.Get(Trades)], Statuses(401), run.RequestsPerClass),

        new("wrong API key", "not-a-key-" + Guid.NewGuid().ToString("N"), [AbuseClass.Get(Trades)], Statuses(403), run.RequestsPerClass),

        new("burst past the rate limit", keys["burst"], [AbuseClass.Get("/v1/snapshots?table=trades")], Statuses(200, 429), run.BurstRequests),
    ];

    private static HashSet<int> Statuses(params int[] codes) => [.. codes];

    /// <summary>A syntactically valid body padded past the limit, so only its size can be the reason for refusing it.</summary>
    private static byte[] OversizedBody(long bytes) =>
        System.Text.Encoding.UTF8.GetBytes("{\"symbols\":[\"BINANCE/BTCUSDT\"],\"pad\":\"" + new string('x', (int)bytes) + "\"}");
}
