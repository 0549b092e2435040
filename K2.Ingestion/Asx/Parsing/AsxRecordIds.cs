using System.Globalization;

namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// ASX rows carry no exchange id, and several trades can share a millisecond, so the id is the row's position:
/// <c>ASX-{symbol}-{yyyyMMdd}-{n}</c> with the exchange-local date and the row's 1-based index among that symbol's
/// rows of that date. Reloading the same file therefore yields the same ids (and message ids).
/// </summary>
public static class AsxRecordIds
{
    public static string Create(string symbol, DateOnly localDate, int rowOfDay) =>
        string.Create(CultureInfo.InvariantCulture, $"{AsxExchange.Code}-{symbol}-{localDate:yyyyMMdd}-{rowOfDay}");
}
