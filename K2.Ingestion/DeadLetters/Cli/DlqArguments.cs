using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace K2.Ingestion.DeadLetters.Cli;

public enum DlqAction
{
    List,
    Replay,
}

/// <summary>
/// The arguments after <c>dlq</c>: <c>list &lt;source&gt; [--limit N] [--stage S]</c> or
/// <c>replay &lt;source&gt; [--stage S] [--id ID]… [--dry-run]</c>, or <c>--help</c>.
/// </summary>
public sealed record DlqArguments(DlqAction Action, string Source, int? Limit, string? Stage, IReadOnlyList<string> Ids, bool DryRun, bool Help)
{
    public const string Usage = """
        Usage: K2.Ingestion dlq list <source> [--limit N] [--stage S]
               K2.Ingestion dlq replay <source> [--stage S] [--id ID]... [--dry-run]

        Lists or re-publishes the dead letters of k2.dlq.<source> (binance, asx, silo).

          list      prints each dead letter: id (topic/partition@offset), stage, position, time, error, payload
          replay    re-publishes the chosen dead letters after the cause is fixed:
                      - read from a Kafka topic (silo decode/validate, binance gap-repair): the raw record goes back to
                        that topic with its original key and a k2-replayed-from header;
                      - a Binance WebSocket frame: parsed again with the current parser; a trade is published to the
                        Binance trades topic, a frame that still fails is reported and left where it is;
                      - an ASX CSV row: not replayable here; fix the file and run load-asx again (same message ids).
          --limit N     list at most N (default K2:DeadLetters:Cli:DefaultListLimit)
          --stage S     only dead letters of stage S (e.g. parse, decode, validate, gap-repair)
          --id ID       only this dead letter (repeatable), e.g. k2.dlq.silo/0@3
          --dry-run     show what replay would do, publish nothing
          -h, --help    show this help

        Dead letters are never deleted (retention ages them out); replaying twice publishes twice, and consumers
        deduplicate by message id. A replayed record that fails again is dead-lettered again by the stage that
        rejects it, as a new dead letter.

        Exit codes: 0 done, 1 usage error, 2 fatal (broker, configuration, unknown source),
                    3 replay left some chosen dead letters unpublished (still failing or not replayable), 130 interrupted.
        """;

    public static bool TryParse(IReadOnlyList<string> arguments, [NotNullWhen(true)] out DlqArguments? parsed, out string error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        parsed = null;
        if (arguments.Any(argument => argument is "-h" or "--help"))
        {
            parsed = new DlqArguments(DlqAction.List, string.Empty, null, null, [], DryRun: false, Help: true);
            error = string.Empty;
            return true;
        }

        if (arguments.Count < 2)
        {
            error = "Expected an action and a source: dlq list <source> or dlq replay <source>.";
            return false;
        }

        if (!TryParseAction(arguments[0], out var action))
        {
            error = $"Unknown action '{arguments[0]}': use list or replay.";
            return false;
        }

        var source = arguments[1];
        int? limit = null;
        string? stage = null;
        var ids = new List<string>();
        var dryRun = false;
        for (var i = 2; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            switch (argument)
            {
                case "--dry-run" when action == DlqAction.Replay:
                    dryRun = true;
                    break;
                case "--limit" when action == DlqAction.List:
                    if (!TryValue(arguments, ref i, out var text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                    {
                        error = "--limit needs a positive whole number.";
                        return false;
                    }

                    limit = value;
                    break;
                case "--stage":
                    if (!TryValue(arguments, ref i, out stage))
                    {
                        error = "--stage needs a value.";
                        return false;
                    }

                    break;
                case "--id" when action == DlqAction.Replay:
                    if (!TryValue(arguments, ref i, out var id))
                    {
                        error = "--id needs a value (topic/partition@offset).";
                        return false;
                    }

                    ids.Add(id);
                    break;
                default:
                    error = $"Unexpected argument '{argument}' for dlq {arguments[0]}.";
                    return false;
            }
        }

        parsed = new DlqArguments(action, source, limit, stage, ids, dryRun, Help: false);
        error = string.Empty;
        return true;
    }

    private static bool TryParseAction(string text, out DlqAction action)
    {
        action = text switch
        {
            "list" => DlqAction.List,
            "replay" => DlqAction.Replay,
            _ => (DlqAction)(-1),
        };
        return Enum.IsDefined(action);
    }

    private static bool TryValue(IReadOnlyList<string> arguments, ref int index, [NotNullWhen(true)] out string? value)
    {
        value = index + 1 < arguments.Count && !arguments[index + 1].StartsWith('-') ? arguments[++index] : null;
        return !string.IsNullOrWhiteSpace(value);
    }
}
