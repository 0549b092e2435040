using System.Text;
using K2.Contracts.Control;

namespace K2.Contracts.Tests.Control;

public sealed class GapRepairRequestJsonTests
{
    [Fact]
    public void A_request_round_trips()
    {
        var request = new GapRepairRequest("BINANCE", "BTCUSDT", 4_851_805_411, 4_851_805_419);

        var parsed = GapRepairRequestJson.TryDeserialize(GapRepairRequestJson.Serialize(request), out var error);

        Assert.Null(error);
        Assert.Equal(request, parsed);
    }

    [Theory]
    [InlineData("{not json", "")]
    [InlineData("null", "JSON null")]
    [InlineData("""{"exchange":"","symbol":"BTCUSDT","fromSequence":1,"toSequence":2}""", "required")]
    [InlineData("""{"exchange":"BINANCE","symbol":"BTCUSDT","fromSequence":-1,"toSequence":2}""", "negative")]
    [InlineData("""{"exchange":"BINANCE","symbol":"BTCUSDT","fromSequence":9,"toSequence":2}""", "below")]
    public void Invalid_requests_give_a_reason_instead_of_a_request(string json, string reason)
    {
        var parsed = GapRepairRequestJson.TryDeserialize(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(parsed);
        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
