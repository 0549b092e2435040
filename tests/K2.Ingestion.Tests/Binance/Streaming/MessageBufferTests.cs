using K2.Ingestion.Binance.Streaming;

namespace K2.Ingestion.Tests.Binance.Streaming;

public sealed class MessageBufferTests
{
    [Fact]
    public void Assembles_frames_and_grows_up_to_the_maximum()
    {
        using var buffer = new MessageBuffer(initialBytes: 4, maxBytes: 64);
        var message = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();

        Write(buffer, message, chunk: 3);

        Assert.False(buffer.IsOversized);
        Assert.Equal(40, buffer.TotalBytes);
        Assert.Equal(message, buffer.Message.ToArray());
    }

    [Fact]
    public void A_message_of_exactly_the_maximum_is_not_oversized()
    {
        using var buffer = new MessageBuffer(initialBytes: 16, maxBytes: 32);

        Write(buffer, new byte[32], chunk: 32);

        Assert.False(buffer.IsOversized);
        Assert.Equal(32, buffer.Message.Length);
    }

    [Fact]
    public void Keeps_the_first_maximum_bytes_of_an_oversized_message_and_counts_the_rest()
    {
        using var buffer = new MessageBuffer(initialBytes: 8, maxBytes: 32);
        var message = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

        Write(buffer, message, chunk: 7);

        Assert.True(buffer.IsOversized);
        Assert.Equal(100, buffer.TotalBytes);
        Assert.Equal(message[..32], buffer.Message.ToArray());
    }

    [Fact]
    public void Reset_starts_the_next_message_from_empty()
    {
        using var buffer = new MessageBuffer(initialBytes: 8, maxBytes: 32);
        Write(buffer, new byte[100], chunk: 10);

        buffer.Reset();
        Write(buffer, [1, 2, 3], chunk: 3);

        Assert.False(buffer.IsOversized);
        Assert.Equal([1, 2, 3], buffer.Message.ToArray());
    }

    /// <summary>What the receive loop does: ask for memory, let the socket fill part of it, advance.</summary>
    private static void Write(MessageBuffer buffer, byte[] message, int chunk)
    {
        for (var offset = 0; offset < message.Length;)
        {
            var memory = buffer.GetWriteMemory();
            var count = Math.Min(Math.Min(chunk, memory.Length), message.Length - offset);
            message.AsSpan(offset, count).CopyTo(memory.Span);
            buffer.Advance(count);
            offset += count;
        }
    }
}
