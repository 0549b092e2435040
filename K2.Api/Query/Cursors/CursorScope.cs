namespace K2.Api.Query.Cursors;

/// <summary>
/// What a cursor is valid for: the same table, symbol and order. A cursor presented for another query is refused
/// rather than silently continuing somewhere else.
/// </summary>
public sealed record CursorScope(string Table, string Exchange, string Symbol, bool Descending);
