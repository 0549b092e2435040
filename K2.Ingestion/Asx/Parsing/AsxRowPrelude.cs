using System.Globalization;

namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// The part of parsing trades and quotes share: splitting the line, numbering the row within its date, resolving the
/// symbol and converting the exchange-local date and time to UTC.
/// </summary>
internal static class AsxRowPrelude
{
    private const int DateField = 0;
    private const int TimeField = 1;

    /// <summary>
    /// The date is read before anything else so that every row with a readable date takes its number, even when a
    /// later check rejects it (see <see cref="AsxDailyRowCounter"/>).
    /// </summary>
    public static bool TryRead(
        ReadOnlySpan<byte> line,
        Span<Range> fields,
        AsxFileContext file,
        AsxExchangeClock clock,
        out AsxRowKey key,
        out AsxRowError error)
    {
        key = default;
        var count = CsvFields.Split(line, fields);
        if (!AsxTimestampParser.TryParseDate(line[fields[DateField]], out var date))
        {
            error = AsxFieldText.Error(AsxRowErrorKind.InvalidDate, "date", line[fields[DateField]], "is not MM/DD/YYYY");
            return false;
        }

        var rowOfDay = file.Rows.Next(date);
        if (file.Symbol is null)
        {
            error = new AsxRowError(AsxRowErrorKind.UnknownCompany, $"company id '{file.CompanyId}' is not in company_info.csv");
            return false;
        }

        if (count != fields.Length)
        {
            var found = count > fields.Length ? $"more than {fields.Length}" : count.ToString(CultureInfo.InvariantCulture);
            error = new AsxRowError(AsxRowErrorKind.FieldCount, $"expected {fields.Length} fields, found {found}");
            return false;
        }

        if (!AsxTimestampParser.TryParseTimeOfDay(line[fields[TimeField]], out var timeOfDay))
        {
            error = AsxFieldText.Error(AsxRowErrorKind.InvalidTime, "time", line[fields[TimeField]], "is not HH:MM:SS.fff");
            return false;
        }

        if (!clock.TryToUtc(date, timeOfDay, out var utc))
        {
            error = !clock.Zone.IsInvalidTime(date.ToDateTime(TimeOnly.MinValue) + timeOfDay)
                ? new AsxRowError(
                    AsxRowErrorKind.OutsideCalendar,
                    string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} {timeOfDay:c} in {clock.Zone.Id} is before 0001-01-01 or after 9999-12-31 in UTC"))
                : new AsxRowError(
                    AsxRowErrorKind.NonexistentLocalTime,
                    string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} {timeOfDay:c} did not exist in {clock.Zone.Id} (clocks went forward)"));
            return false;
        }

        key = new AsxRowKey(file.Symbol, AsxRecordIds.Create(file.Symbol, date, rowOfDay), utc);
        error = default;
        return true;
    }
}
