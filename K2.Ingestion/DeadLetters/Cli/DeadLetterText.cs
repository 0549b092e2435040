using System.Globalization;
using System.Text;
using K2.Kafka.DeadLetters;

namespace K2.Ingestion.DeadLetters.Cli;

/// <summary>One dead letter as <c>dlq list</c> prints it: a header line, then error and payload indented.</summary>
internal static class DeadLetterText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task WriteAsync(TextWriter output, DeadLetterRecord record, int previewBytes)
    {
        var letter = record.Letter;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{record.Id}  stage={letter.Stage}  at={letter.FailedAt:O}  position={letter.SourcePosition}"));
        await output.WriteLineAsync($"  error:   {letter.Error}");
        if (!letter.Key.IsEmpty)
        {
            await output.WriteLineAsync($"  key:     {Preview(letter.Key.Span, previewBytes)}");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  payload: {letter.Payload.Length} bytes: {Preview(letter.Payload.Span, previewBytes)}"));
    }

    /// <summary>Text when the bytes are printable UTF-8 (JSON frames, CSV rows), else hex (Avro records).</summary>
    private static string Preview(ReadOnlySpan<byte> bytes, int previewBytes)
    {
        var shown = bytes[..Math.Min(bytes.Length, previewBytes)];
        var ellipsis = shown.Length < bytes.Length ? "…" : string.Empty;
        try
        {
            var text = StrictUtf8.GetString(shown);
            if (!text.Any(char.IsControl))
            {
                return text + ellipsis;
            }
        }
        catch (DecoderFallbackException)
        {
            // Cut inside a character, or binary: shown as hex below.
        }

        return "0x" + Convert.ToHexString(shown) + ellipsis;
    }
}
