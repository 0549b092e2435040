using K2.Api.Query;
using K2.Api.Query.Cursors;
using K2.Lakehouse.Reading;
using Microsoft.Extensions.Options;

namespace K2.Api.Tests.Query;

public sealed class CursorCodecTests
{
    private static readonly CursorScope Scope = new("trades", "ASX", "BHP", Descending: true);
    private static readonly HistoryKey Position = new(1_394_492_719_694_000, 17, "ASX-BHP-20140311-17");

    private readonly CursorCodec _codec = new(Options.Create(new QueryOptions()));

    [Fact]
    public void A_cursor_decodes_to_the_position_it_was_made_from()
    {
        var token = _codec.Encode(Scope, Position);

        Assert.True(_codec.TryDecode(token, Scope, out var decoded));
        Assert.Equal(Position, decoded);
    }

    [Fact]
    public void Any_changed_character_is_refused()
    {
        var token = _codec.Encode(Scope, Position);
        for (var i = 0; i < token.Length; i++)
        {
            var replacement = token[i] == 'A' ? 'B' : 'A';
            var tampered = string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1));

            Assert.False(_codec.TryDecode(tampered, Scope, out _), $"changed at {i}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("'; DROP TABLE trades; --")]
    [InlineData("eyJ2IjoxfQ.AAAA")]
    public void Malformed_tokens_are_refused(string token) => Assert.False(_codec.TryDecode(token, Scope, out _));

    [Fact]
    public void A_cursor_is_only_valid_for_the_table_symbol_and_order_it_was_issued_for()
    {
        var token = _codec.Encode(Scope, Position);

        Assert.False(_codec.TryDecode(token, Scope with { Table = "quotes" }, out _));
        Assert.False(_codec.TryDecode(token, Scope with { Symbol = "RIO" }, out _));
        Assert.False(_codec.TryDecode(token, Scope with { Exchange = "BINANCE" }, out _));
        Assert.False(_codec.TryDecode(token, Scope with { Descending = false }, out _));
    }

    [Fact]
    public void A_cursor_signed_with_another_key_is_refused_and_a_shared_key_is_accepted()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var shared = new CursorCodec(Options.Create(new QueryOptions { CursorSigningKey = key }));
        var alsoShared = new CursorCodec(Options.Create(new QueryOptions { CursorSigningKey = key }));
        var token = shared.Encode(Scope, Position);

        Assert.True(alsoShared.TryDecode(token, Scope, out _));
        Assert.False(_codec.TryDecode(token, Scope, out _));
        Assert.Throws<InvalidOperationException>(() => new CursorCodec(Options.Create(new QueryOptions { CursorSigningKey = Convert.ToBase64String(new byte[8]) })));
    }
}
