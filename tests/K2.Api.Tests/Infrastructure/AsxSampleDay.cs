using System.Text;
using K2.Contracts.Model;
using K2.Ingestion.Asx.Parsing;
using K2.Testing.Postgres;

namespace K2.Api.Tests.Infrastructure;

/// <summary>The bundled ASX day (data/asx-sample) as the project's parser reads it, numbered in row order as the grain would.</summary>
public static class AsxSampleDay
{
    public const string BhpCompanyId = "7078";
    private const int CacheCapacity = 1_024;

    public static string TradesFile(string companyId) => Path.Combine(RepositoryRoot.Find(), "data", "asx-sample", "trades", companyId + ".csv");

    /// <summary>Every row of one company's trades file through <see cref="AsxTradeParser"/>; fails on any rejected row.</summary>
    public static List<Trade> ParseTrades(string companyId, string symbol)
    {
        var parser = new AsxTradeParser(new AsxExchangeClock(TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney")), CacheCapacity);
        var file = new AsxFileContext(companyId, symbol, CacheCapacity);
        var trades = new List<Trade>();
        foreach (var line in File.ReadLines(TradesFile(companyId)))
        {
            Assert.True(parser.TryParse(Encoding.ASCII.GetBytes(line), file, K2.Testing.Trades.BaseTime, out var trade, out var error), error.ToString());
            trades.Add(trade with { PlatformSequence = trades.Count + 1 });
        }

        return trades;
    }
}
