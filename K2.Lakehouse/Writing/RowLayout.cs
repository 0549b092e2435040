namespace K2.Lakehouse.Writing;

/// <summary>
/// How to read each table column from a row object of type <typeparamref name="T"/>, keyed by Iceberg field id.
/// Values use K2's in-memory forms: <see cref="long"/> microseconds for <c>timestamptz</c>, <see cref="Guid"/> for
/// <c>uuid</c>, <see cref="decimal"/>, <see cref="string"/>, <see cref="IReadOnlyList{T}"/> of strings for lists
/// and <see cref="IReadOnlyDictionary{TKey, TValue}"/> of strings for maps. A schema column without a binding is
/// written as null, which is how files stay complete after a column is added that the model does not know yet.
/// Columns bound with their own type (<see cref="RowColumn{T, TValue}"/>) are written without boxing each value.
/// </summary>
public sealed class RowLayout<T>
{
    private readonly Dictionary<int, RowColumn<T>> _columns;

    public RowLayout(IReadOnlyDictionary<int, Func<T, object?>> columns)
        : this(columns.ToDictionary(column => column.Key, column => (RowColumn<T>)new BoxedRowColumn<T>(column.Value)))
    {
    }

    public RowLayout(IReadOnlyDictionary<int, RowColumn<T>> columns) =>
        _columns = new Dictionary<int, RowColumn<T>>(columns);

    public Func<T, object?>? Find(int fieldId) => _columns.GetValueOrDefault(fieldId) is { } column ? column.ReadBoxed : null;

    /// <summary>The binding of <paramref name="fieldId"/>, typed when the layout declared its type; null when unbound.</summary>
    public RowColumn<T>? Column(int fieldId) => _columns.GetValueOrDefault(fieldId);

    /// <summary>A copy that also (or instead) binds <paramref name="fieldId"/>; used when a schema gains a column.</summary>
    public RowLayout<T> With(int fieldId, Func<T, object?> read) =>
        new(new Dictionary<int, RowColumn<T>>(_columns) { [fieldId] = new BoxedRowColumn<T>(read) });
}
