using K2.Contracts.Model;

namespace K2.Contracts.Tests.Model;

public sealed class MessageIdsTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void Matches_the_rfc_uuid_v5_of_a_known_name()
    {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), MessageIds.Create(DnsNamespace, "python.org"));
    }

    [Fact]
    public void A_trade_id_maps_to_the_same_message_id_every_time_and_in_every_process()
    {
        // Python: uuid.uuid5(UUID("6f1d3a52-9c0e-4e5b-8a7d-2b4c1e9f0a63"), "trade/BINANCE/BTCUSDT/BINANCE-4851805410")
        var expected = new Guid("98672810-c83e-5acf-9d4d-483ff19c1a56");

        Assert.Equal(expected, MessageIds.ForTrade("BINANCE", "BTCUSDT", "BINANCE-4851805410"));
        Assert.Equal(MessageIds.ForTrade("BINANCE", "BTCUSDT", "BINANCE-4851805410"), MessageIds.ForTrade("BINANCE", "BTCUSDT", "BINANCE-4851805410"));
    }

    [Fact]
    public void Trades_and_quotes_with_the_same_id_get_different_message_ids()
    {
        Assert.NotEqual(MessageIds.ForTrade("ASX", "BHP", "ASX-1"), MessageIds.ForQuote("ASX", "BHP", "ASX-1"));
        Assert.NotEqual(MessageIds.ForTrade("ASX", "BHP", "ASX-1"), MessageIds.ForTrade("ASX", "RIO", "ASX-1"));
    }

    [Fact]
    public void Long_names_beyond_the_stack_buffer_hash_the_whole_name()
    {
        var longName = new string('x', 2_000);

        Assert.NotEqual(MessageIds.Create(longName), MessageIds.Create(longName + "y"));
        Assert.Equal(MessageIds.Create(longName), MessageIds.Create(longName));
    }
}
