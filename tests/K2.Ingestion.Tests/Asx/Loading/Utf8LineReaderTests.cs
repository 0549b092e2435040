using System.Text;
using K2.Ingestion.Asx.Loading;

namespace K2.Ingestion.Tests.Asx.Loading;

public sealed class Utf8LineReaderTests
{
    [Fact]
    public async Task Lines_come_without_terminators_with_physical_line_numbers_and_byte_positions()
    {
        var lines = await ReadAllAsync("a\r\nbb\n\r\nccc", bufferSize: 64);

        Assert.Equal([("a", 1L, 3L), ("bb", 2L, 6L), (string.Empty, 3L, 8L), ("ccc", 4L, 11L)], lines.Select(l => (l.Text, l.Number, l.Consumed)));
    }

    [Fact]
    public async Task Lines_that_straddle_reads_and_buffer_refills_come_out_whole()
    {
        var content = string.Join("\r\n", Enumerable.Range(0, 50).Select(i => new string((char)('a' + (i % 26)), i % 7 + 1))) + "\r\n";

        // One byte per read, and a buffer barely longer than the longest line.
        var lines = await ReadAllAsync(content, bufferSize: 10, trickle: true);

        Assert.Equal(content.Split("\r\n")[..^1], lines.Select(l => l.Text));
        Assert.Equal(Encoding.ASCII.GetByteCount(content), lines[^1].Consumed);
    }

    [Fact]
    public async Task A_byte_order_mark_is_skipped()
    {
        var lines = await ReadAllAsync([0xEF, 0xBB, 0xBF, .. "x,y\r\n"u8], bufferSize: 16);

        Assert.Equal("x,y", Assert.Single(lines).Text);
    }

    [Fact]
    public async Task A_too_long_line_is_returned_cut_and_flagged_once_and_reading_resumes_after_it()
    {
        var lines = await ReadAllAsync("ok\r\n" + new string('x', 40) + "\r\nnext\r\n", bufferSize: 8, trickle: true);

        Assert.Equal([("ok", false, 1L), ("xxxxxxxx", true, 2L), ("next", false, 3L)], lines.Select(l => (l.Text, l.Truncated, l.Number)));
        Assert.Equal(4 + 42 + 6, lines[^1].Consumed);
    }

    [Fact]
    public async Task An_empty_file_has_no_lines()
    {
        Assert.Empty(await ReadAllAsync(string.Empty, bufferSize: 8));
    }

    private static Task<List<(string Text, long Number, long Consumed, bool Truncated)>> ReadAllAsync(string content, int bufferSize, bool trickle = false) =>
        ReadAllAsync(Encoding.ASCII.GetBytes(content), bufferSize, trickle);

    private static async Task<List<(string Text, long Number, long Consumed, bool Truncated)>> ReadAllAsync(byte[] content, int bufferSize, bool trickle = false)
    {
        using Stream stream = trickle ? new TrickleStream(content) : new MemoryStream(content);
        using var reader = new Utf8LineReader(stream, bufferSize);
        var lines = new List<(string, long, long, bool)>();
        while (await reader.ReadLineAsync(CancellationToken.None))
        {
            lines.Add((Encoding.ASCII.GetString(reader.Line.Span), reader.LineNumber, reader.BytesConsumed, reader.IsTruncated));
        }

        return lines;
    }

    /// <summary>Hands out one byte per read, as a slow pipe might, to exercise every refill path.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
