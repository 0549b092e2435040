using System.Buffers;

namespace K2.Ingestion.Asx.Loading;

/// <summary>
/// Streams a file line by line into one pooled buffer, so memory stays at one buffer however large the file is.
/// The current line excludes its terminator (LF or CRLF) and is valid only until the next <see cref="ReadLineAsync"/>:
/// parse it, or copy it, first.
/// </summary>
/// <remarks>
/// A line longer than the buffer is returned once, cut to the buffer's length, with <see cref="IsTruncated"/> set;
/// the rest of it up to the next newline is skipped. A UTF-8 byte order mark at the start of the file is skipped.
/// </remarks>
public sealed class Utf8LineReader : IDisposable
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _atFileStart = true;
    private bool _skippingRestOfLine;

    public Utf8LineReader(Stream stream, int bufferSize)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, ByteOrderMark.Length);
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        BufferSize = bufferSize;
    }

    /// <summary>Also the line limit: a line whose bytes, terminator included, do not fit is returned truncated.</summary>
    public int BufferSize { get; }

    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>1-based physical line number of <see cref="Line"/>, blank lines included.</summary>
    public long LineNumber { get; private set; }

    public bool IsTruncated { get; private set; }

    /// <summary>Bytes of the file consumed so far, terminators included: the progress through the file.</summary>
    public long BytesConsumed { get; private set; }

    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (_skippingRestOfLine)
            {
                // Discarded only now, because the truncated line handed out last time pointed into this buffer.
                var skipped = newline >= 0 ? newline + 1 : _end - _start;
                _start += skipped;
                BytesConsumed += skipped;
                _skippingRestOfLine = newline < 0 && !_endOfStream;
                if (_skippingRestOfLine)
                {
                    await FillAsync(cancellationToken);
                }

                continue;
            }

            if (newline >= 0)
            {
                Emit(newline, consumed: newline + 1, truncated: false);
                return true;
            }

            if (_end - _start >= BufferSize)
            {
                Emit(BufferSize, consumed: BufferSize, truncated: true);
                _skippingRestOfLine = true;
                return true;
            }

            if (_endOfStream)
            {
                if (_start == _end)
                {
                    Line = ReadOnlyMemory<byte>.Empty;
                    return false;
                }

                // The last line has no terminator.
                Emit(_end - _start, consumed: _end - _start, truncated: false);
                return true;
            }

            await FillAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Emit(int length, int consumed, bool truncated)
    {
        var line = _buffer.AsMemory(_start, length);
        if (!truncated && line.Span.EndsWith((byte)'\r'))
        {
            line = line[..^1];
        }

        Line = line;
        IsTruncated = truncated;
        _atFileStart = false;
        LineNumber++;
        _start += consumed;
        BytesConsumed += consumed;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        // Move the partial line to the front so the buffer always has room for a whole line.
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end, BufferSize - _end), cancellationToken);
        if (read == 0)
        {
            _endOfStream = true;
            return;
        }

        _end += read;
        if (_atFileStart && _end >= ByteOrderMark.Length)
        {
            // Nothing has been handed out yet, so the buffer still starts at the first byte of the file.
            _atFileStart = false;
            if (_buffer.AsSpan(0, ByteOrderMark.Length).SequenceEqual(ByteOrderMark))
            {
                _start = ByteOrderMark.Length;
                BytesConsumed += ByteOrderMark.Length;
            }
        }
    }
}
