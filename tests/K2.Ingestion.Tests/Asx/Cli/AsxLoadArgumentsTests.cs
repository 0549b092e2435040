using K2.Ingestion.Asx.Cli;

namespace K2.Ingestion.Tests.Asx.Cli;

public sealed class AsxLoadArgumentsTests
{
    [Theory]
    [InlineData(new[] { "data/asx-sample" }, "data/asx-sample", false)]
    [InlineData(new[] { "data/asx-sample", "--dry-run" }, "data/asx-sample", true)]
    [InlineData(new[] { "--dry-run", "/abs/dir" }, "/abs/dir", true)]
    public void A_directory_and_an_optional_dry_run_flag_are_accepted(string[] args, string directory, bool dryRun)
    {
        Assert.True(AsxLoadArguments.TryParse(args, out var parsed, out _));
        Assert.Equal(new AsxLoadArguments(directory, dryRun, Help: false), parsed);
    }

    [Theory]
    [InlineData(new string[0], "Missing <dir>")]
    [InlineData(new[] { "--dry-run" }, "Missing <dir>")]
    [InlineData(new[] { "a", "b" }, "Only one directory")]
    [InlineData(new[] { "a", "--fast" }, "Unknown option '--fast'")]
    public void Wrong_arguments_are_refused_with_a_reason(string[] args, string reason)
    {
        Assert.False(AsxLoadArguments.TryParse(args, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_wins_over_everything_else()
    {
        Assert.True(AsxLoadArguments.TryParse(["a", "b", "--help"], out var parsed, out _));
        Assert.True(parsed.Help);
    }

    [Theory]
    [InlineData(new[] { "load-asx", "dir" }, true)]
    [InlineData(new[] { "LOAD-ASX" }, false)]
    [InlineData(new[] { "--urls", "http://+:80" }, false)]
    [InlineData(new string[0], false)]
    public void Only_a_first_argument_of_load_asx_selects_the_command(string[] args, bool expected)
    {
        Assert.Equal(expected, AsxLoadCommand.IsInvocation(args));
    }
}
