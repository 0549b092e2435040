using System.Globalization;
using CsCheck;
using K2.Contracts.Model;
using K2.Ingestion.Binance.Parsing;
using static K2.Ingestion.Tests.Binance.Parsing.Frames;

namespace K2.Ingestion.Tests.Binance.Parsing;

/// <summary>Property-style fuzzing: whatever arrives, the parser answers with a result, never an exception.</summary>
public sealed class BinanceTradeParserPropertyTests
{
    private const long Iterations = 5_000;
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] ValidFrame = Utf8(Combined(Event()));
    private readonly BinanceTradeParser _parser = new(BinanceSymbolResolver.Default);

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 512].Sample(AssertConsistent, iter: Iterations);
    }

    [Fact]
    public void Random_printable_json_like_text_never_throws()
    {
        var jsonish = Gen.Char["{}[]\":,.-0123456789eEtTfalsnurpqmMsbtcd@\\ "].Array[0, 200].Select(chars => Utf8(new string(chars)));
        jsonish.Sample(AssertConsistent, iter: Iterations);
    }

    [Fact]
    public void Mutated_valid_frames_never_throw()
    {
        var byteFlips = Gen.Select(Gen.Int[0, ValidFrame.Length - 1], Gen.Byte).Array[1, 6].Select(flips =>
        {
            var mutated = (byte[])ValidFrame.Clone();
            foreach (var (at, value) in flips)
            {
                mutated[at] = value;
            }

            return mutated;
        });
        var truncations = Gen.Int[0, ValidFrame.Length].Select(length => ValidFrame[..length]);
        var insertions = Gen.Select(Gen.Int[0, ValidFrame.Length], Gen.Byte.Array[1, 8])
            .Select((at, bytes) => (byte[])[.. ValidFrame[..at], .. bytes, .. ValidFrame[at..]]);
        var deletions = Gen.Select(Gen.Int[0, ValidFrame.Length - 1], Gen.Int[1, 8])
            .Select((at, count) => (byte[])[.. ValidFrame[..at], .. ValidFrame[Math.Min(ValidFrame.Length, at + count)..]]);

        Gen.OneOf(byteFlips, truncations, insertions, deletions).Sample(AssertConsistent, iter: Iterations);
    }

    [Fact]
    public void Unicode_escapes_anywhere_in_strings_never_throw()
    {
        // Escapes are where the reader itself throws (lone surrogates): put random ones in keys and values.
        var text = Combined(Event());
        var quotes = Enumerable.Range(0, text.Length).Where(i => text[i] == '"').ToArray();
        Gen.Select(Gen.Int[0, quotes.Length - 1], Gen.Int[0, 0xFFFF]).Sample((quote, codeUnit) =>
        {
            var at = quotes[quote] + 1;
            AssertConsistent(Utf8(text[..at] + $"\\u{codeUnit:X4}" + text[at..]));
        }, iter: Iterations);
    }

    [Fact]
    public void Every_decimal_that_fits_round_trips_exactly()
    {
        var unscaled = Gen.Long[1, MarketDecimal.MaxUnscaled];
        Gen.Select(unscaled, unscaled).Sample((priceUnits, quantityUnits) =>
        {
            var price = MarketDecimal.FromUnscaled(priceUnits);
            var quantity = MarketDecimal.FromUnscaled(quantityUnits);
            var frame = Combined(Event(p: Quoted(price), q: Quoted(quantity)));

            var trade = _parser.Parse(Utf8(frame), ReceivedAt).Trade!;

            Assert.Equal(price, trade.Price);
            Assert.Equal(quantity, trade.Quantity);
            Assert.Equal(priceUnits, MarketDecimal.ToUnscaled(trade.Price));
        }, iter: Iterations);
    }

    private void AssertConsistent(byte[] message)
    {
        var result = _parser.Parse(message, ReceivedAt);

        Assert.Equal(result.Kind == BinanceMessageKind.Trade, result.Trade is not null);
        Assert.Equal(result.Kind == BinanceMessageKind.Invalid, result.Error is not null);
    }

    private static string Quoted(decimal value) => $"\"{value.ToString("F8", CultureInfo.InvariantCulture)}\"";
}
