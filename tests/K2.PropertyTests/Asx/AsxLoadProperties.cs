using System.Text;
using CsCheck;
using K2.Ingestion.Asx.Loading;
using K2.Testing;
using K2.Testing.Postgres;
using K2.Testing.Publishing;
using Microsoft.Extensions.Options;

namespace K2.PropertyTests.Asx;

/// <summary>
/// Whole files through the real loader: whatever a trades file holds (good rows, corrupt rows, binary junk, blank
/// lines, CRLF or LF), the load finishes, and every non-blank line is either published or dead-lettered, once.
/// </summary>
public sealed class AsxLoadProperties : IDisposable
{
    private const string Good = "03/11/2014,10:00:00.000,36.1,100,0,,";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"k2-asx-property-{Guid.NewGuid():N}");

    private static readonly Gen<byte[]> Line = Gen.Frequency(
        (4, Gen.Const(Encoding.ASCII.GetBytes(Good))),
        (2, Gen.Select(AsxGen.AnyField, Gen.Int[0, 6]).Select((text, column) =>
        {
            var fields = Good.Split(',');
            fields[column] = text.Replace("\n", string.Empty, StringComparison.Ordinal);
            return Encoding.UTF8.GetBytes(string.Join(',', fields));
        })),
        (1, Gen.Byte.Array[0, 40].Select(bytes => bytes.Where(b => b != (byte)'\n').ToArray())),
        (1, Gen.OneOf(string.Empty, "   ", "\t").Select(Encoding.ASCII.GetBytes)),
        (1, Gen.Const(Encoding.ASCII.GetBytes("01/01/0001,00:00:00.000,36.1,100,0,,"))));

    public AsxLoadProperties()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "reference-data"));
        Directory.CreateDirectory(Path.Combine(_directory, "trades"));
        File.Copy(Path.Combine(RepositoryRoot.Find(), "data", "asx-sample", "reference-data", "company_info.csv"), Path.Combine(_directory, "reference-data", "company_info.csv"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_non_blank_line_is_published_or_dead_lettered_once() =>
        await Gen.Select(Line.Array[0, 30], Gen.Bool).SampleAsync(async (lines, crlf) =>
        {
            var newline = crlf ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
            await File.WriteAllBytesAsync(Path.Combine(_directory, "trades", "7078.csv"), [.. lines.SelectMany(line => line.Concat(newline))]);
            var publisher = new RecordingMarketDataPublisher();
            var deadLetters = new RecordingDeadLetterPublisher();

            var summary = await new AsxBatchLoader(Options.Create(new AsxLoaderOptions()), TimeProvider.System)
                .LoadAsync(_directory, publisher, deadLetters, progress: null, CancellationToken.None);

            var rows = lines.Count(line => line.AsSpan().ContainsAnyExcept(" \t\r"u8));
            Assert.Equal(rows, summary.RowsRead);
            Assert.Equal(rows, publisher.Trades.Count + deadLetters.Letters.Count);
            Assert.Equal(summary.Rejected, deadLetters.Letters.Count);
            Assert.All(deadLetters.Letters.Snapshot(), letter => Assert.Matches(@"^[A-Za-z]+: ", letter.Error));
        }, iter: PropertyRuns.Iterations(150), threads: 1);
}
