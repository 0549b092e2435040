namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// Numbers one file's rows per exchange-local date, 1-based, in file order: the <c>n</c> of
/// <c>ASX-{symbol}-{yyyyMMdd}-{n}</c>. Every row whose date field reads is counted, rejected or not, so correcting a
/// bad row and loading the file again leaves every other row's id unchanged.
/// </summary>
public sealed class AsxDailyRowCounter
{
    private readonly Dictionary<DateOnly, int> _rowsByDate = [];

    public int Next(DateOnly localDate)
    {
        _rowsByDate.TryGetValue(localDate, out var count);
        _rowsByDate[localDate] = ++count;
        return count;
    }
}
