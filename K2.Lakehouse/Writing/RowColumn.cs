namespace K2.Lakehouse.Writing;

/// <summary>
/// How one table column is read from a row of type <typeparamref name="T"/>. Every binding can be read as a boxed
/// value (partitioning, sorting, any column shape); a binding made with <see cref="RowColumn{T, TValue}"/> also keeps
/// the value's own type, so the Parquet column writers can fill their typed buffers without boxing each cell.
/// </summary>
public abstract class RowColumn<T>
{
    /// <summary>The value in its in-memory form (see <see cref="RowLayout{T}"/>), boxed when it is a value type.</summary>
    public abstract object? ReadBoxed(T row);
}

/// <summary>A column read as its own type: <see cref="long"/>, <c>long?</c>, <see cref="decimal"/>, <see cref="string"/>, ...</summary>
public sealed class RowColumn<T, TValue>(Func<T, TValue> read) : RowColumn<T>
{
    public Func<T, TValue> Read { get; } = read;

    public override object? ReadBoxed(T row) => Read(row);
}

/// <summary>A column whose reader already returns boxed values (layouts over <c>object?[]</c> rows, schema additions).</summary>
internal sealed class BoxedRowColumn<T>(Func<T, object?> read) : RowColumn<T>
{
    public override object? ReadBoxed(T row) => read(row);
}
