using K2.Ingestion.Asx.Loading;
using K2.Ingestion.Tests.Asx.Support;
using K2.Testing.Publishing;

namespace K2.Ingestion.Tests.Asx.Loading;

/// <summary>What stops a load before any row is read: these throw, rather than dead-letter.</summary>
public sealed class AsxFatalErrorTests : IDisposable
{
    private readonly AsxTestDirectory _directory = new(withCompanyMap: false);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_missing_directory_is_fatal()
    {
        var error = await Assert.ThrowsAsync<AsxLoadException>(() => LoadAsync(Path.Combine(_directory.Path, "nope")));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_company_map_is_fatal()
    {
        _directory.WriteLines("trades/7078.csv", "03/11/2014,10:00:00.000,36.1,100,0,,");

        var error = await Assert.ThrowsAsync<AsxLoadException>(() => LoadAsync(_directory.Path));
        Assert.Contains("company_info.csv", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,name\r\n7078,BHP\r\n")]
    [InlineData("company_id,symbol\r\n7078,BHP\r\n7078,BHP2\r\n")]
    [InlineData("company_id,symbol\r\n7078,\r\n")]
    [InlineData("")]
    public async Task An_unusable_company_map_is_fatal(string map)
    {
        _directory.Write("reference-data/company_info.csv", System.Text.Encoding.ASCII.GetBytes(map));
        _directory.WriteLines("trades/7078.csv", "03/11/2014,10:00:00.000,36.1,100,0,,");

        await Assert.ThrowsAsync<AsxLoadException>(() => LoadAsync(_directory.Path));
    }

    [Fact]
    public async Task A_directory_without_data_files_is_fatal()
    {
        _directory.WriteLines("reference-data/company_info.csv", "company_id,symbol", "7078,BHP");

        var error = await Assert.ThrowsAsync<AsxLoadException>(() => LoadAsync(_directory.Path));
        Assert.Contains("trades/*.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_company_map_of_the_sample_has_the_four_companies()
    {
        var map = await K2.Ingestion.Asx.Reference.AsxCompanyMap.LoadAsync(AsxSample.PathOf("reference-data/company_info.csv"), CancellationToken.None);

        Assert.Equal(4, map.Count);
        Assert.True(map.TryGetSymbol("7078", out var bhp));
        Assert.Equal("BHP", bhp);
        Assert.False(map.TryGetSymbol("9999", out _));
    }

    private static Task<AsxLoadSummary> LoadAsync(string directory) =>
        AsxLoaders.Create().LoadAsync(directory, new RecordingMarketDataPublisher(), new RecordingDeadLetterPublisher(), null, CancellationToken.None);
}
