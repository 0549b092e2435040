using K2.Lakehouse.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Tests.Configuration;

public sealed class LakehouseOptionsTests
{
    [Fact]
    public void Options_bind_from_the_k2_lakehouse_section()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["K2:Lakehouse:WarehousePath"] = "/data/warehouse",
            ["K2:Lakehouse:TargetFileRows"] = "1000000",
            ["K2:Lakehouse:Compression"] = "Snappy",
            ["K2:Lakehouse:CommitRetryMaxWait"] = "00:00:05",
        });

        Assert.Equal("/data/warehouse", options.WarehousePath);
        Assert.Equal(1_000_000, options.TargetFileRows);
        Assert.Equal(ParquetCompression.Snappy, options.Compression);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CommitRetryMaxWait);
    }

    [Theory]
    [InlineData("K2:Lakehouse:WarehousePath", "")]
    [InlineData("K2:Lakehouse:RowGroupRows", "0")]
    [InlineData("K2:Lakehouse:CommitMaxAttempts", "0")]
    [InlineData("K2:Lakehouse:CommitRetryMinWait", "00:00:00")]
    public void Invalid_settings_are_rejected(string key, string value)
    {
        var settings = new Dictionary<string, string?> { ["K2:Lakehouse:WarehousePath"] = "/data/warehouse", [key] = value };

        Assert.Throws<OptionsValidationException>(() => Resolve(settings));
    }

    private static LakehouseOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddK2Lakehouse(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<LakehouseOptions>>().Value;
    }
}
