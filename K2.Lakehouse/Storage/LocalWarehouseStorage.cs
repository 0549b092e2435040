using System.Runtime.CompilerServices;

namespace K2.Lakehouse.Storage;

/// <summary>
/// <see cref="IWarehouseStorage"/> on a local (or mounted) file system. New files are written to a hidden
/// temporary sibling, flushed to disk and renamed into place; a rename within a directory is atomic on POSIX
/// file systems, so a reader sees either no file or the whole file.
/// </summary>
public sealed class LocalWarehouseStorage : IWarehouseStorage
{
    private const string TemporaryPrefix = ".tmp-";
    private readonly string _rootPath;

    public LocalWarehouseStorage(string rootPath)
    {
        _rootPath = Path.GetFullPath(rootPath).TrimEnd(Path.DirectorySeparatorChar);
        Directory.CreateDirectory(_rootPath);
        RootLocation = ToLocation(_rootPath);
    }

    public string RootLocation { get; }

    public Task<Stream> OpenReadAsync(string location, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(ToPath(location), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true));

    public Task<IPendingFile> CreateAsync(string location, CancellationToken cancellationToken)
    {
        var path = ToPath(location);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $"{TemporaryPrefix}{Guid.NewGuid():N}-{Path.GetFileName(path)}");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: false);
        return Task.FromResult<IPendingFile>(new PendingLocalFile(location, path, temporary, new CallerThreadFileStream(stream)));
    }

    public Task<bool> ExistsAsync(string location, CancellationToken cancellationToken) => Task.FromResult(File.Exists(ToPath(location)));

    public Task DeleteAsync(string location, CancellationToken cancellationToken)
    {
        File.Delete(ToPath(location));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = ToPath(prefix);
        var directory = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.StartsWith(path, StringComparison.Ordinal) && !Path.GetFileName(file).StartsWith(TemporaryPrefix, StringComparison.Ordinal))
            {
                yield return ToLocation(file);
            }
        }

        await Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetLastModifiedAsync(string location, CancellationToken cancellationToken)
    {
        var file = new FileInfo(ToPath(location));
        return Task.FromResult<DateTimeOffset?>(file.Exists ? new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) : null);
    }

    public string ResolveForQueryEngine(string location) => ToPath(location);

    private static string ToLocation(string path) => new Uri(path).AbsoluteUri;

    /// <summary>Maps a <c>file://</c> URI to a path, refusing anything outside the warehouse root.</summary>
    private string ToPath(string location)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || !uri.IsFile)
        {
            throw new ArgumentException($"'{location}' is not a file:// location.", nameof(location));
        }

        var path = Path.GetFullPath(uri.LocalPath);
        if (path != _rootPath && !path.StartsWith(_rootPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{location}' is outside the warehouse {RootLocation}.", nameof(location));
        }

        return path;
    }

    private sealed class PendingLocalFile(string location, string path, string temporary, CallerThreadFileStream stream) : IPendingFile
    {
        private bool _published;

        public string Location { get; } = location;

        public Stream Content => stream;

        public async Task<long> PublishAsync(CancellationToken cancellationToken)
        {
            await stream.FlushAsync(cancellationToken);
            stream.File.Flush(flushToDisk: true);
            var length = stream.Length;
            await stream.DisposeAsync();
            // overwrite: false — Iceberg files are immutable; an existing file means a naming bug, not a retry.
            File.Move(temporary, path, overwrite: false);
            _published = true;
            return length;
        }

        public async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            if (!_published)
            {
                File.Delete(temporary);
            }
        }
    }
}
