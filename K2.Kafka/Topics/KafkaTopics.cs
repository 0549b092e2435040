using System.Text.RegularExpressions;

namespace K2.Kafka.Topics;

/// <summary>
/// Names of every topic K2 uses. Market-data topics are <c>market.&lt;asset class&gt;.&lt;kind&gt;.&lt;venue&gt;</c>
/// and keyed by symbol; dead letters go to <c>k2.dlq.&lt;source&gt;</c>; control messages to <c>k2.control.*</c>.
/// </summary>
public static partial class KafkaTopics
{
    public const string BinanceTrades = "market.crypto.trades.binance";

    public const string AsxTrades = "market.equities.trades.asx";

    public const string AsxQuotes = "market.equities.quotes.asx";

    /// <summary>Gaps detected by symbol grains, keyed by symbol; consumed by the Binance gap repairer.</summary>
    public const string ControlGaps = "k2.control.gaps";

    /// <summary>
    /// One record naming this Kafka cluster (see <see cref="Consuming.KafkaClusterIdentity"/>): the first record of
    /// partition 0 is the cluster's identity for as long as the log exists.
    /// </summary>
    public const string ClusterIdentity = "k2.control.identity";

    public const string DeadLetterPrefix = "k2.dlq.";

    /// <summary>Longest topic name Kafka accepts.</summary>
    public const int MaxNameLength = 249;

    /// <summary>Sources that get a dead-letter topic unless <c>K2:Kafka:Topics:DeadLetterSources</c> says otherwise.</summary>
    public static IReadOnlyList<string> DefaultDeadLetterSources { get; } = ["binance", "asx", "silo"];

    /// <summary><c>k2.dlq.&lt;source&gt;</c>, e.g. <c>k2.dlq.binance</c>.</summary>
    public static string DeadLetter(string source)
    {
        ThrowIfInvalidSource(source);
        return DeadLetterPrefix + source;
    }

    /// <summary>A source name is one lower-case token, so it reads the same in topic names, headers and metrics.</summary>
    public static bool IsValidSource(string? source) => source is not null && SourcePattern().IsMatch(source);

    public static void ThrowIfInvalidSource(string source)
    {
        if (!IsValidSource(source))
        {
            throw new ArgumentException(
                $"'{source}' is not a valid source name (lower-case letters, digits, '-' and '_').", nameof(source));
        }
    }

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name is not ("." or "..") && NamePattern().IsMatch(name);

    public static void ThrowIfInvalidName(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid Kafka topic name (1-{MaxNameLength} of letters, digits, '.', '_', '-').", nameof(name));
        }
    }

    [GeneratedRegex("^[a-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SourcePattern();

    [GeneratedRegex("^[a-zA-Z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
