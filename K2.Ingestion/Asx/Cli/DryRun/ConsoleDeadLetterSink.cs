using System.Globalization;
using K2.Kafka.Publishing;

namespace K2.Ingestion.Asx.Cli.DryRun;

/// <summary>
/// In a dry run, rejected rows are printed instead of dead-lettered: the first few in full, the rest only counted,
/// so a file of garbage does not flood the terminal.
/// </summary>
/// <param name="writer">Where rejected rows are printed.</param>
/// <param name="rowsShown">How many are printed in full.</param>
/// <param name="beforeWrite">Called before a row is printed, e.g. to move off a progress bar drawn on the same terminal.</param>
public sealed class ConsoleDeadLetterSink(TextWriter writer, int rowsShown, Action? beforeWrite = null) : IDeadLetterPublisher
{
    private long _omitted;

    public ValueTask PublishAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (rowsShown > 0)
        {
            rowsShown--;
            beforeWrite?.Invoke();
            writer.WriteLine($"rejected {letter.SourcePosition}: {letter.Error}");
        }
        else
        {
            _omitted++;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Says how many rejected rows were not printed, if any.</summary>
    public void WriteOmitted()
    {
        if (_omitted > 0)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"... and {_omitted:N0} more rejected rows not shown."));
        }
    }
}
