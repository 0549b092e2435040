using System.ComponentModel.DataAnnotations;

namespace K2.Ingestion.DeadLetters.Cli;

/// <summary>Knobs of the <c>dlq</c> command. Bound from <c>K2:DeadLetters:Cli</c>.</summary>
public sealed class DlqCliOptions
{
    public const string SectionName = "K2:DeadLetters:Cli";

    /// <summary>Dead letters <c>dlq list</c> prints when no <c>--limit</c> is given: a screenful, not the topic.</summary>
    [Range(1, 1_000_000)]
    public int DefaultListLimit { get; set; } = 50;

    /// <summary>
    /// Most dead letters one <c>dlq replay</c> reads (before filtering by stage and id); a bound on memory, since the
    /// chosen ones are held until they are published.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxReplayScan { get; set; } = 100_000;

    /// <summary>Bytes of each payload shown by <c>dlq list</c> (as text when it is UTF-8, else as hex).</summary>
    [Range(0, 1_000_000)]
    public int PayloadPreviewBytes { get; set; } = 200;
}
