namespace K2.Lakehouse.Storage;

/// <summary>
/// A file stream whose asynchronous reads, writes and flushes complete on the caller's thread before they return.
/// <para>
/// On Linux a file write is synchronous whatever the API: an asynchronous one is the same write queued to the thread
/// pool, and the code awaiting it (Parquet.Net encodes the next column chunk after each write) continues there. The
/// silo writes its flush's files on threads of their own so that encoding stays off the pool its grains and consumer
/// need; written through this stream the whole encode stays on the writer's thread. Page-cache writes take
/// microseconds, and the one that waits for the disk (<see cref="FileStream.Flush(bool)"/> at publish) was
/// synchronous already.
/// </para>
/// </summary>
internal sealed class CallerThreadFileStream(FileStream file) : Stream
{
    /// <summary>The underlying file, for what must be done to the file itself (fsync, length, upload).</summary>
    public FileStream File => file;

    public override bool CanRead => file.CanRead;

    public override bool CanSeek => file.CanSeek;

    public override bool CanWrite => file.CanWrite;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override void Flush() => file.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        file.Flush();
        return Task.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => file.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(file.Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => file.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        file.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override void SetLength(long value) => file.SetLength(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
