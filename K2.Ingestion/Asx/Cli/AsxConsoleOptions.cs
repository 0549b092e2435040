using System.ComponentModel.DataAnnotations;

namespace K2.Ingestion.Asx.Cli;

/// <summary>How <c>load-asx</c> reports on the console. Bound from <c>K2:Asx:Console</c>.</summary>
public sealed class AsxConsoleOptions
{
    public const string SectionName = "K2:Asx:Console";

    /// <summary>How often the progress bar is redrawn on an interactive terminal.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a progress line is written when output is redirected (a log file or CI needs few lines).</summary>
    public TimeSpan LogInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Characters of the progress bar.</summary>
    [Range(10, 200)]
    public int BarWidth { get; set; } = 30;

    /// <summary>Rejected rows printed in a dry run before the rest are only counted.</summary>
    [Range(0, 100_000)]
    public int DryRunRejectsShown { get; set; } = 20;
}
