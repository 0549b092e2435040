using System.Globalization;
using K2.Contracts.Avro;

namespace K2.Contracts.Tests.Avro;

/// <summary>
/// The decoder shares one string per distinct symbol, exchange and currency across messages (a silo decodes thousands
/// of trades a second that repeat the same few): shared, never mixed up, and only for those fields.
/// </summary>
/// <remarks>
/// The pool is process-wide and a colliding value replaces an entry by design, so these tests run alone: a decode in a
/// test class running alongside could replace "BINANCE" between two decodes here (seen once in CI).
/// </remarks>
[Collection(AvroStringPoolCollection.Name)]
public sealed class RepeatedStringTests
{
    [Fact]
    public void Trades_of_one_symbol_share_its_symbol_exchange_and_currency_but_not_their_trade_ids()
    {
        var sample = MarketDataGen.SampleTrade();
        var first = TradeAvroCodec.Decode(TradeAvroCodec.Encode(sample with { TradeId = "T-1" }));
        var second = TradeAvroCodec.Decode(TradeAvroCodec.Encode(sample with { TradeId = "T-1" }));

        Assert.Same(first.Symbol, second.Symbol);
        Assert.Same(first.Exchange, second.Exchange);
        Assert.Same(first.Currency, second.Currency);
        Assert.Equal(first.TradeId, second.TradeId);
        Assert.NotSame(first.TradeId, second.TradeId);
    }

    [Fact]
    public void Quotes_share_the_strings_trades_of_the_same_symbol_use()
    {
        var trade = TradeAvroCodec.Decode(TradeAvroCodec.Encode(MarketDataGen.SampleTrade()));
        var quote = QuoteAvroCodec.Decode(QuoteAvroCodec.Encode(MarketDataGen.SampleQuote() with { Symbol = trade.Symbol, Exchange = trade.Exchange }));

        Assert.Same(trade.Symbol, quote.Symbol);
        Assert.Same(trade.Exchange, quote.Exchange);
    }

    [Fact]
    public void Many_distinct_symbols_decoded_at_once_each_come_back_as_encoded()
    {
        // More distinct values than the pool has slots, from several threads: entries are replaced under contention
        // and by collisions, and a decode must still return its own message's value, never a neighbour's.
        const int Symbols = 20_000;
        const int Threads = 4;
        var sample = MarketDataGen.SampleTrade();
        var messages = Enumerable.Range(0, Symbols)
            .Select(i => (Symbol: "S" + i.ToString(CultureInfo.InvariantCulture), Currency: "C" + (i % 977).ToString(CultureInfo.InvariantCulture)))
            .Select(pair => (pair.Symbol, pair.Currency, Message: TradeAvroCodec.Encode(sample with { Symbol = pair.Symbol, Currency = pair.Currency })))
            .ToArray();
        var mismatches = 0;

        Parallel.For(0, Threads, thread =>
        {
            for (var round = 0; round < 3; round++)
            {
                for (var i = thread; i < messages.Length; i += Threads)
                {
                    var decoded = TradeAvroCodec.Decode(messages[(i + (round * 7919)) % messages.Length].Message);
                    var expected = messages[(i + (round * 7919)) % messages.Length];
                    if (decoded.Symbol != expected.Symbol || decoded.Currency != expected.Currency)
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void A_symbol_that_is_not_valid_utf8_is_still_refused_after_valid_ones_were_pooled()
    {
        TradeAvroCodec.Decode(RawTradeMessage.Valid());
        // "(" after a lead byte that needs a continuation byte: invalid, and never pooled, so never a pool hit.
        var message = RawTradeMessage.With("symbol", (ref w) =>
        {
            w.WriteLong(2);
            w.WriteRaw([0xC3, 0x28]);
        });

        Assert.False(TradeAvroCodec.TryDecode(message, out _, out var error));
        Assert.Equal(AvroDecodeErrorReason.InvalidUtf8, error.Reason);
        Assert.Equal("symbol", error.Field);
    }
}

/// <summary>Tests that depend on what the process-wide <c>AvroStringPool</c> holds between two decodes: run with no other test class.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AvroStringPoolCollection
{
    public const string Name = "process-wide Avro string pool";
}
