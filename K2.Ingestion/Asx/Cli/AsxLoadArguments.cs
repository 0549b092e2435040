using System.Diagnostics.CodeAnalysis;

namespace K2.Ingestion.Asx.Cli;

/// <summary>The arguments after <c>load-asx</c>: <c>&lt;dir&gt; [--dry-run]</c>, or <c>--help</c>.</summary>
public sealed record AsxLoadArguments(string Directory, bool DryRun, bool Help)
{
    public const string Usage = """
        Usage: K2.Ingestion load-asx <dir> [--dry-run]

        Loads an ASX data directory (trades/*.csv, quotes/*.csv, reference-data/company_info.csv,
        laid out like data/asx-sample) into K2: trades and quotes are published, bad rows dead-lettered.

          <dir>       the data directory
          --dry-run   parse and validate everything, publish nothing; rejected rows are printed instead
          -h, --help  show this help

        Exit codes: 0 loaded (rejected rows, if any, were dead-lettered: see the warning),
                    1 usage error, 2 fatal error (nothing or not everything loaded), 130 interrupted.
        """;

    private const string DryRunOption = "--dry-run";

    public static bool TryParse(IReadOnlyList<string> arguments, [NotNullWhen(true)] out AsxLoadArguments? parsed, out string error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        parsed = null;
        if (arguments.Any(argument => argument is "-h" or "--help"))
        {
            parsed = new AsxLoadArguments(string.Empty, DryRun: false, Help: true);
            error = string.Empty;
            return true;
        }

        string? directory = null;
        var dryRun = false;
        foreach (var argument in arguments)
        {
            switch (argument)
            {
                case DryRunOption:
                    dryRun = true;
                    break;
                case ['-', ..]:
                    error = $"Unknown option '{argument}'.";
                    return false;
                case var _ when directory is not null:
                    error = $"Only one directory can be loaded at a time; got '{directory}' and '{argument}'.";
                    return false;
                default:
                    directory = argument;
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(directory))
        {
            error = "Missing <dir>: the ASX data directory to load.";
            return false;
        }

        parsed = new AsxLoadArguments(directory, dryRun, Help: false);
        error = string.Empty;
        return true;
    }
}
