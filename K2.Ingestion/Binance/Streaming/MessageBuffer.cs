using System.Buffers;

namespace K2.Ingestion.Binance.Streaming;

/// <summary>
/// Assembles one WebSocket message from its frames into a pooled buffer that doubles up to a hard maximum. Past
/// the maximum the rest of the message is read into a scratch buffer and thrown away, so an oversized message costs
/// bounded memory and the connection stays usable; its first <c>max</c> bytes are kept for the dead letter.
/// </summary>
internal sealed class MessageBuffer : IDisposable
{
    private const int GrowthFactor = 2;

    private readonly int _maxBytes;
    private readonly int _initialBytes;
    private byte[] _buffer;
    private byte[]? _scratch;
    private int _length;
    private long _totalBytes;
    private bool _writingToScratch;

    public MessageBuffer(int initialBytes, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, initialBytes);
        _initialBytes = initialBytes;
        _maxBytes = maxBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);
    }

    /// <summary>The message so far, capped at the maximum size.</summary>
    public ReadOnlyMemory<byte> Message => _buffer.AsMemory(0, _length);

    /// <summary>Every byte of the message, including any discarded past the maximum.</summary>
    public long TotalBytes => _totalBytes;

    public bool IsOversized => _totalBytes > _length;

    public void Reset()
    {
        _length = 0;
        _totalBytes = 0;
    }

    /// <summary>Where the next frame's bytes go; pair every call with <see cref="Advance"/>.</summary>
    public Memory<byte> GetWriteMemory()
    {
        var capacity = Math.Min(_buffer.Length, _maxBytes);
        if (_length == capacity && capacity < _maxBytes)
        {
            Grow();
            capacity = Math.Min(_buffer.Length, _maxBytes);
        }

        _writingToScratch = _length == capacity;
        if (_writingToScratch)
        {
            _scratch ??= ArrayPool<byte>.Shared.Rent(_initialBytes);
            return _scratch;
        }

        return _buffer.AsMemory(_length, capacity - _length);
    }

    public void Advance(int count)
    {
        _totalBytes += count;
        if (!_writingToScratch)
        {
            _length += count;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * GrowthFactor, _maxBytes));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
