using System.Globalization;
using CsCheck;
using K2.Api.Query;
using K2.Api.Query.Cursors;
using K2.Lakehouse.Reading;
using K2.Testing;
using Microsoft.Extensions.Options;

namespace K2.PropertyTests.Api;

/// <summary>
/// Cursor tokens are client input: any string is refused or decoded, never an exception; any change to a token the
/// API issued is refused; and an issued token decodes to exactly the position and only in the scope it was made for.
/// </summary>
public sealed class CursorProperties
{
    private readonly CursorCodec _codec = new(Options.Create(new QueryOptions()));

    private static readonly Gen<string> Part = Gen.Frequency(
        (3, Gen.Char["ABCXYZ0123456789.-_"].Array[1, 12].Select(chars => new string(chars))),
        (1, Gen.String[0, 16]));

    private static readonly Gen<CursorScope> Scope =
        Gen.Select(Gen.OneOf("trades", "quotes"), Part, Part, Gen.Bool).Select((table, exchange, symbol, descending) => new CursorScope(table, exchange, symbol, descending));

    private static readonly Gen<HistoryKey> Position =
        Gen.Select(Gen.Long, Gen.Long, Gen.String[0, 64]).Select((micros, sequence, id) => new HistoryKey(micros, sequence, id));

    /// <summary>What clients may send in place of a token: junk, base64-looking text, dots, and huge strings.</summary>
    private static readonly Gen<string> AnyToken = Gen.Frequency(
        (3, Gen.String[0, 80]),
        (3, Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/"].Array[0, 200].Select(chars => new string(chars))),
        (1, Gen.Char.Array[1000, 1100].Select(chars => new string(chars))),
        (1, Gen.OneOf("", ".", "..", "a.", ".a", "eyJ9.", "'; DROP TABLE trades; --", "%00", "\u0000.\u0000")));

    [Fact]
    public void An_issued_cursor_decodes_to_exactly_its_position() =>
        Gen.Select(Scope, Position).Sample((scope, position) =>
        {
            Assert.True(_codec.TryDecode(_codec.Encode(scope, position), scope, out var decoded));
            Assert.Equal(position, decoded);
        }, iter: PropertyRuns.Iterations(2_000));

    [Fact]
    public void An_issued_cursor_is_refused_in_any_other_scope() =>
        Gen.Select(Scope, Scope, Position).Where((issued, asked, _) => issued != asked).Sample((issued, asked, position) =>
            Assert.False(_codec.TryDecode(_codec.Encode(issued, position), asked, out _)),
            iter: PropertyRuns.Iterations(2_000));

    /// <summary>Any edit (a character changed, inserted or removed anywhere, or the token cut short) is refused.</summary>
    [Fact]
    public void A_tampered_cursor_is_refused() =>
        Gen.Select(Scope, Position, Gen.Int[0, 2], Gen.Double[0, 1], Gen.Char["ABCXYZabcxyz0189-_.=+/ "]).Sample((scope, position, edit, where, character) =>
        {
            var token = _codec.Encode(scope, position);
            var at = (int)(where * (token.Length - 1));
            var tampered = edit switch
            {
                0 => token[..at] + character + token[(at + 1)..],
                1 => token[..at] + character + token[at..],
                _ => token[..at],
            };
            if (tampered == token)
            {
                return;
            }

            Assert.False(_codec.TryDecode(tampered, scope, out _), $"accepted {tampered}");
        }, iter: PropertyRuns.Iterations(3_000));

    [Fact]
    public void Any_string_is_refused_without_an_exception() =>
        Gen.Select(AnyToken, Scope).Sample((token, scope) => Assert.False(_codec.TryDecode(token, scope, out _)),
            iter: PropertyRuns.Iterations(5_000));

    /// <summary>Through the parser a bad cursor is a 400 <c>invalid_cursor</c>, the error body's code.</summary>
    [Fact]
    public void A_bad_cursor_in_a_request_is_a_400_invalid_cursor() =>
        AnyToken.Sample(token =>
        {
            var parser = new HistoryRequestParser(Options.Create(new QueryOptions()), _codec);
            var error = Assert.Throws<ApiException>(() => parser.Parse(new HistoryQueryText { Exchange = "ASX", Symbol = "BHP", Cursor = token }, "trades"));
            Assert.Equal((400, "invalid_cursor"), (error.StatusCode, error.Error));
        }, iter: PropertyRuns.Iterations(2_000));

    /// <summary>
    /// Found by <see cref="A_tampered_cursor_is_refused"/>: the base64 decoder skipped added whitespace (the token was
    /// accepted), and a '=' in place of the last character threw a FormatException (a 500 through the API).
    /// </summary>
    [Theory]
    [InlineData(" {0}")]
    [InlineData("{0}\n")]
    [InlineData("{0}\t")]
    [InlineData("{0}=")]
    public void A_cursor_with_whitespace_or_padding_added_is_refused(string shape)
    {
        var scope = new CursorScope("trades", "ASX", "BHP", Descending: false);
        var token = _codec.Encode(scope, new HistoryKey(203, -11, "ASX-BHP-20140311-17"));
        var dot = token.IndexOf('.', StringComparison.Ordinal);

        Assert.False(_codec.TryDecode(string.Format(CultureInfo.InvariantCulture, shape, token), scope, out _));
        Assert.False(_codec.TryDecode(token[..dot] + " " + token[dot..], scope, out _));
    }

    [Fact]
    public void A_cursor_whose_last_character_is_replaced_by_padding_is_refused()
    {
        var scope = new CursorScope("trades", "ASX", "BHP", Descending: false);
        var token = _codec.Encode(scope, new HistoryKey(-33_403_962, -43_148_707, "ASX-BHP-20140311-17"));
        var dot = token.IndexOf('.', StringComparison.Ordinal);

        Assert.False(_codec.TryDecode(token[..^1] + "=", scope, out _));
        Assert.False(_codec.TryDecode(token[..(dot - 1)] + "=" + token[dot..], scope, out _));
    }
}
