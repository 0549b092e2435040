namespace K2.Lakehouse.Reading.Tail;

/// <summary>
/// What one table's cold tail cache did since start: pages it answered, tails it advanced over appends and tails it
/// (re)built from the table; and the symbols and rows it holds now.
/// </summary>
public sealed record ColdTailStats(long PagesServed, long TailsAdvanced, long TailsBuilt, int Symbols, long Rows);
