using System.Text;
using K2.Api.Query;
using K2.Api.Query.Cursors;
using K2.Contracts.Avro;
using K2.Ingestion.Asx.Parsing;
using K2.Ingestion.Binance.Parsing;
using K2.Lakehouse.Reading;
using Microsoft.Extensions.Options;

namespace K2.Fuzz;

/// <summary>
/// Starting inputs in the real formats, so the fuzzer begins from messages that parse and mutates inward: the
/// sample ASX files' first rows, Binance frames of every kind the feed meets, and Avro messages of those records.
/// </summary>
internal static class SeedCorpus
{
    private const int AsxLinesPerSeed = 12;

    private static readonly string[] BinanceFrames =
    [
        """{"stream":"btcusdt@trade","data":{"e":"trade","E":1773136800001,"s":"BTCUSDT","t":4851805410,"p":"67123.45678901","q":"0.00012345","T":1773136800000,"m":true,"M":true}}""",
        """{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.001","q":"100","b":88,"a":50,"T":1672515782136,"m":true,"M":true}""",
        """{"data":{"e":"trade","E":1773136800001,"s":"ETHUSDT","t":1,"p":"3012.5","q":"1.25","T":1773136800000,"m":false},"stream":"ethusdt@trade"}""",
        """{"stream":"!serverShutdown","data":{"e":"serverShutdown","E":1773136800001}}""",
        """{"result":null,"id":1}""",
        """{"code":2,"msg":"Invalid request"}""",
    ];

    public static int Write(string target, string directory, string repository)
    {
        Directory.CreateDirectory(directory);
        var inputs = target switch
        {
            "binance" => BinanceFrames.Select(Encoding.UTF8.GetBytes).ToList(),
            "asx-trades" => AsxSeeds(repository, "trades"),
            "asx-quotes" => AsxSeeds(repository, "quotes"),
            "avro" => AvroSeeds(repository),
            "cursor" => [Encoding.UTF8.GetBytes(new CursorCodec(Options.Create(new QueryOptions())).Encode(new CursorScope("trades", "ASX", "BHP", true), new HistoryKey(1_394_492_719_694_000, 17, "ASX-BHP-20140311-17")))],
            "query" =>
            [
                "exchange=ASX&symbol=BHP&limit=5"u8.ToArray(),
                "exchange=BINANCE&symbol=BTCUSDT&start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00.123456Z&order=asc&limit=10000"u8.ToArray(),
                "exchange=ASX&symbol=BHP&asOfSnapshot=123&cursor=eyJWIjoxfQ.AAAA"u8.ToArray(),
            ],
            _ =>
            [
                """{"symbols":["BINANCE/BTCUSDT"],"fields":["timestamp","price","quantity"],"format":"csv","limit":100}"""u8.ToArray(),
                """{"symbols":["ASX/BHP","ASX/RIO"],"start":"2014-03-11T00:00:00Z","minPrice":"36.5","maxQuantity":"1000","format":"parquet","asOf":"2014-03-12T00:00:00Z"}"""u8.ToArray(),
            ],
        };
        for (var i = 0; i < inputs.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(directory, $"seed-{i:D3}"), inputs[i]);
        }

        return inputs.Count;
    }

    /// <summary>The first rows of each sample file, CRLF and all.</summary>
    private static List<byte[]> AsxSeeds(string repository, string kind) =>
        [.. Directory.EnumerateFiles(Path.Combine(repository, "data", "asx-sample", kind), "*.csv").Order(StringComparer.Ordinal)
            .Select(path => string.Join("\r\n", File.ReadLines(path).Take(AsxLinesPerSeed)) + "\r\n")
            .Select(Encoding.UTF8.GetBytes)];

    /// <summary>Avro messages of the records the feeds really produce: sample ASX rows and the Binance frames.</summary>
    private static List<byte[]> AvroSeeds(string repository)
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
        var ingestedAt = DateTimeOffset.UnixEpoch.AddYears(56);
        var seeds = new List<byte[]>();
        var trades = new AsxTradeParser(new AsxExchangeClock(sydney), 16);
        var file = new AsxFileContext("7078", "BHP", 16);
        foreach (var line in File.ReadLines(Path.Combine(repository, "data", "asx-sample", "trades", "7078.csv")).Take(3))
        {
            if (trades.TryParse(Encoding.UTF8.GetBytes(line), file, ingestedAt, out var trade, out _))
            {
                seeds.Add(TradeAvroCodec.Encode(trade));
            }
        }

        var quotes = new AsxQuoteParser(new AsxExchangeClock(sydney));
        foreach (var path in Directory.EnumerateFiles(Path.Combine(repository, "data", "asx-sample", "quotes"), "*.csv").Order(StringComparer.Ordinal).Take(2))
        {
            var quoteFile = new AsxFileContext(Path.GetFileNameWithoutExtension(path), "BHP", 16);
            foreach (var line in File.ReadLines(path).Take(2))
            {
                if (quotes.TryParse(Encoding.UTF8.GetBytes(line), quoteFile, ingestedAt, out var quote, out _))
                {
                    seeds.Add(QuoteAvroCodec.Encode(quote));
                }
            }
        }

        var binance = new BinanceTradeParser(BinanceSymbolResolver.Default);
        seeds.AddRange(BinanceFrames.Select(frame => binance.Parse(Encoding.UTF8.GetBytes(frame), ingestedAt))
            .Where(result => result.IsTrade)
            .Select(result => TradeAvroCodec.Encode(result.Trade!)));
        return seeds;
    }
}
