using K2.Lakehouse.Iceberg.Types;
using Parquet;
using Parquet.Schema;
using ParquetField = Parquet.Schema.Field;

namespace K2.Lakehouse.Parquet.Columns;

/// <summary>
/// <c>list&lt;string&gt;</c> in the standard 3-level layout (<c>name.list.element</c>). Levels are written
/// explicitly: definition 0 = null list, 1 = empty list, then the element levels; repetition 0 starts a row.
/// </summary>
internal sealed class StringListColumn : ParquetColumn
{
    private readonly ListType _type;
    private readonly DataField _element;
    private readonly ListField _list;

    public StringListColumn(NestedField field)
        : base(field)
    {
        _type = (ListType)field.Type;
        _element = new DataField(ListField.ElementName, typeof(string), isNullable: !_type.ElementRequired) { FieldId = _type.ElementId };
        _list = new ListField(field.Name, _element);
    }

    public override ParquetField ParquetField => _list;

    public override IReadOnlyDictionary<string, int> LeafFieldIds =>
        new Dictionary<string, int> { [$"{Field.Name}.{ListField.DefaultContainerName}.{ListField.ElementName}"] = _type.ElementId };

    public override void Plan(ParquetFooterPlan plan) => plan.GroupFieldIds[Field.Name] = Field.Id;

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<object?> values, ColumnMetrics metrics, CancellationToken cancellationToken)
    {
        var maxDefinition = _element.MaxDefinitionLevel;
        var presentDefinition = maxDefinition;
        var nullElementDefinition = maxDefinition - 1;
        var emptyDefinition = _type.ElementRequired ? maxDefinition - 1 : maxDefinition - 2;
        var dense = new List<ReadOnlyMemory<char>>();
        var definitions = new List<int>();
        var repetitions = new List<int>();
        foreach (var value in values)
        {
            if (value is not IReadOnlyList<string?> list)
            {
                if (Field.Required)
                {
                    throw RequiredValueMissing();
                }

                definitions.Add(0);
                repetitions.Add(0);
                continue;
            }

            if (list.Count == 0)
            {
                definitions.Add(emptyDefinition);
                repetitions.Add(0);
                continue;
            }

            for (var i = 0; i < list.Count; i++)
            {
                repetitions.Add(i == 0 ? 0 : 1);
                if (list[i] is { } element)
                {
                    dense.Add(element.AsMemory());
                    definitions.Add(presentDefinition);
                    metrics.CountValue(_type.ElementId);
                }
                else if (_type.ElementRequired)
                {
                    throw new InvalidOperationException($"Column '{Field.Name}' does not allow null elements.");
                }
                else
                {
                    definitions.Add(nullElementDefinition);
                    metrics.CountNull(_type.ElementId);
                }
            }
        }

        await rowGroup.WriteAllPartsAsync<ReadOnlyMemory<char>>(_element, dense.ToArray(), definitions.ToArray(), repetitions.ToArray(), cancellationToken);
    }
}
