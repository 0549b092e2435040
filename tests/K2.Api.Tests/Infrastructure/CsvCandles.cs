using System.Globalization;

namespace K2.Api.Tests.Infrastructure;

/// <summary>
/// OHLCV computed straight from an ASX trades CSV with nothing from K2: split on commas, read the local time as
/// AEDT (UTC+11, in force on 2014-03-11), bucket in UTC. Ties in time are broken by row order, which is the
/// sequence ASX rows have.
/// </summary>
public static class CsvCandles
{
    private static readonly TimeSpan Aedt = TimeSpan.FromHours(11);

    public static List<Expected> Compute(string path, TimeSpan width)
    {
        var rows = File.ReadLines(path).Select((line, index) =>
        {
            var fields = line.Split(',');
            var local = DateTime.ParseExact(fields[0] + " " + fields[1], "MM/dd/yyyy HH:mm:ss.fff", CultureInfo.InvariantCulture);
            var utc = new DateTimeOffset(local, Aedt).ToUniversalTime();
            return (At: utc, Row: index, Price: decimal.Parse(fields[2], CultureInfo.InvariantCulture), Volume: decimal.Parse(fields[3], CultureInfo.InvariantCulture));
        }).ToList();

        return [.. rows
            .GroupBy(r => new DateTimeOffset(r.At.UtcTicks - (r.At.UtcTicks % width.Ticks), TimeSpan.Zero))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var ordered = g.OrderBy(r => r.At).ThenBy(r => r.Row).ToList();
                var volume = ordered.Sum(r => r.Volume);
                var notional = ordered.Sum(r => r.Price * r.Volume);
                return new Expected(g.Key, ordered[0].Price, ordered.Max(r => r.Price), ordered.Min(r => r.Price), ordered[^1].Price, volume, Math.Round(notional / volume, 8, MidpointRounding.ToEven), ordered.Count);
            })];
    }

    public sealed record Expected(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, decimal Vwap, long Count);
}
