using Microsoft.Extensions.Options;

namespace K2.Ingestion.Asx.Autoload;

/// <summary>An enabled autoload needs a marker file, or every restart would publish the sample again.</summary>
internal sealed class AsxSampleAutoloadOptionsValidator : IValidateOptions<AsxSampleAutoloadOptions>
{
    public ValidateOptionsResult Validate(string? name, AsxSampleAutoloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.MarkerFile))
        {
            return ValidateOptionsResult.Fail($"{AsxSampleAutoloadOptions.SectionName}:MarkerFile is required when {AsxSampleAutoloadOptions.SectionName}:Directory is set.");
        }

        return Path.IsPathFullyQualified(options.Directory!) && Path.IsPathFullyQualified(options.MarkerFile)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{AsxSampleAutoloadOptions.SectionName}:Directory and MarkerFile must be absolute paths (a service's working directory is its project folder).");
    }
}
