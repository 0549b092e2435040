using K2.Ingestion.Asx.Loading;

namespace K2.Ingestion.Tests.Asx.Support;

/// <summary>Collects progress reports synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class RecordingProgress : IProgress<AsxLoadProgress>
{
    public List<AsxLoadProgress> Reports { get; } = [];

    public void Report(AsxLoadProgress value) => Reports.Add(value);
}
