using K2.Ingestion.DeadLetters.Cli;

namespace K2.Ingestion.Tests.DeadLetters;

public sealed class DlqArgumentsTests
{
    [Fact]
    public void List_and_replay_parse_their_options()
    {
        Assert.True(DlqArguments.TryParse(["list", "binance", "--limit", "5", "--stage", "parse"], out var list, out _));
        Assert.True(DlqArguments.TryParse(["replay", "silo", "--id", "k2.dlq.silo/0@1", "--id", "k2.dlq.silo/0@2", "--dry-run"], out var replay, out _));

        Assert.Equal((DlqAction.List, "binance", (int?)5, "parse"), (list.Action, list.Source, list.Limit, list.Stage));
        Assert.Equal((DlqAction.Replay, "silo", true), (replay.Action, replay.Source, replay.DryRun));
        Assert.Equal(["k2.dlq.silo/0@1", "k2.dlq.silo/0@2"], replay.Ids);
    }

    [Theory]
    [InlineData("Expected an action", "list")]
    [InlineData("Unknown action 'purge'", "purge", "binance")]
    [InlineData("--limit needs a positive whole number", "list", "binance", "--limit", "0")]
    [InlineData("Unexpected argument '--dry-run'", "list", "binance", "--dry-run")]
    [InlineData("Unexpected argument '--limit'", "replay", "binance", "--limit", "3")]
    [InlineData("--id needs a value", "replay", "binance", "--id")]
    public void Wrong_arguments_are_usage_errors(string message, params string[] arguments)
    {
        Assert.False(DlqArguments.TryParse(arguments, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
