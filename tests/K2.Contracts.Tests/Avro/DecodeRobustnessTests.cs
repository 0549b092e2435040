using CsCheck;
using K2.Contracts.Avro;

namespace K2.Contracts.Tests.Avro;

/// <summary>
/// Untrusted bytes: whatever arrives, decoding answers with a record or a typed error, never another exception,
/// and a cut-short message never decodes.
/// </summary>
public sealed class DecodeRobustnessTests
{
    private const int Iterations = 20_000;
    private const int MaxGarbageLength = 300;
    private const int MaxMutations = 4;

    private enum Mutation
    {
        Flip,
        Insert,
        Delete,
        Truncate,
    }

    [Fact]
    public void Arbitrary_bytes_give_only_typed_errors() =>
        Gen.Byte.Array[0, MaxGarbageLength].Sample(AssertDecodesOrFailsTyped, iter: Iterations);

    [Fact]
    public void Arbitrary_bodies_behind_a_valid_header_give_only_typed_errors() =>
        Gen.Select(Gen.Bool, Gen.Byte.Array[0, MaxGarbageLength]).Sample(
            (isTrade, body) =>
            {
                var header = isTrade ? MarketDataSchemas.Trade.Header : MarketDataSchemas.Quote.Header;
                AssertDecodesOrFailsTyped([.. header, .. body]);
            },
            iter: Iterations);

    [Fact]
    public void Mutated_trades_give_a_record_or_a_typed_error() =>
        Gen.Select(MarketDataGen.Trade, MutationPlan).Sample(
            (trade, plan) => AssertDecodesOrFailsTyped(Apply(TradeAvroCodec.Encode(trade), plan)),
            iter: Iterations / 4);

    [Fact]
    public void Mutated_quotes_give_a_record_or_a_typed_error() =>
        Gen.Select(MarketDataGen.Quote, MutationPlan).Sample(
            (quote, plan) => AssertDecodesOrFailsTyped(Apply(QuoteAvroCodec.Encode(quote), plan)),
            iter: Iterations / 4);

    [Fact]
    public void Every_strict_prefix_of_a_valid_message_fails() =>
        Gen.Select(MarketDataGen.Trade, Gen.Double[0, 1]).Sample(
            (trade, fraction) =>
            {
                var message = TradeAvroCodec.Encode(trade);
                var cut = (int)(fraction * (message.Length - 1));
                Assert.False(TradeAvroCodec.TryDecode(message.AsSpan(0, cut), out _, out var error));
                Assert.Contains(error.Reason, new[] { AvroDecodeErrorReason.Truncated, AvroDecodeErrorReason.LengthExceedsPayload });
            },
            iter: Iterations / 4);

    private static Gen<(Mutation Kind, double Where, byte Value)[]> MutationPlan =>
        Gen.Select(Gen.Enum<Mutation>(), Gen.Double[0, 1], Gen.Byte).Array[1, MaxMutations];

    private static byte[] Apply(byte[] message, (Mutation Kind, double Where, byte Value)[] plan)
    {
        var bytes = message.ToList();
        foreach (var (kind, where, value) in plan)
        {
            var at = Math.Min((int)(where * bytes.Count), Math.Max(bytes.Count - 1, 0));
            switch (kind)
            {
                case Mutation.Flip when bytes.Count > 0:
                    bytes[at] ^= (byte)(value | 1);
                    break;
                case Mutation.Insert:
                    bytes.Insert(at, value);
                    break;
                case Mutation.Delete when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case Mutation.Truncate:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>
    /// Both codecs, both entry points: TryDecode must not throw at all, Decode only <see cref="AvroDecodeException"/>
    /// carrying the same error. A message that does decode must survive a re-encode unchanged.
    /// </summary>
    private static void AssertDecodesOrFailsTyped(byte[] message)
    {
        if (TradeAvroCodec.TryDecode(message, out var trade, out var tradeError))
        {
            MarketDataAssert.Equal(trade, TradeAvroCodec.Decode(TradeAvroCodec.Encode(trade)));
        }
        else
        {
            AssertTypedError(message, tradeError);
            Assert.Equal(tradeError, Assert.Throws<AvroDecodeException>(() => TradeAvroCodec.Decode(message)).Error);
        }

        if (QuoteAvroCodec.TryDecode(message, out var quote, out var quoteError))
        {
            MarketDataAssert.Equal(quote, QuoteAvroCodec.Decode(QuoteAvroCodec.Encode(quote)));
        }
        else
        {
            AssertTypedError(message, quoteError);
            Assert.Equal(quoteError, Assert.Throws<AvroDecodeException>(() => QuoteAvroCodec.Decode(message)).Error);
        }
    }

    private static void AssertTypedError(byte[] message, AvroDecodeError error)
    {
        Assert.True(error.IsError);
        Assert.True(Enum.IsDefined(error.Reason));
        Assert.InRange(error.Offset, 0, message.Length);
        Assert.False(string.IsNullOrEmpty(error.Message));
    }
}
