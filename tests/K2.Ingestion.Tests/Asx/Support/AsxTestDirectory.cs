using System.Text;

namespace K2.Ingestion.Tests.Asx.Support;

/// <summary>A throwaway ASX data directory with the sample's company map; deleted on dispose.</summary>
internal sealed class AsxTestDirectory : IDisposable
{
    public AsxTestDirectory(bool withCompanyMap = true)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"k2-asx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        if (withCompanyMap)
        {
            Write("reference-data/company_info.csv", File.ReadAllBytes(AsxSample.PathOf("reference-data/company_info.csv")));
        }
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="lines"/> each followed by CRLF, as the exchange files are.</summary>
    public void WriteLines(string relative, params string[] lines) =>
        Write(relative, Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\r\n"))));

    public void Write(string relative, byte[] content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
