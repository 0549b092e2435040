using System.Text.Json;

namespace K2.Contracts.Control;

/// <summary>
/// The wire form of <see cref="GapRepairRequest"/> on <c>k2.control.gaps</c>: camel-case JSON, written by the silo
/// and read by the feed handlers, so both sides share this one definition.
/// </summary>
public static class GapRepairRequestJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize(GapRepairRequest request) => JsonSerializer.SerializeToUtf8Bytes(request, Options);

    /// <summary>The request, or null with <paramref name="error"/> set when the bytes are not a valid request.</summary>
    public static GapRepairRequest? TryDeserialize(ReadOnlySpan<byte> json, out string? error)
    {
        try
        {
            var request = JsonSerializer.Deserialize<GapRepairRequest>(json, Options);
            error = request switch
            {
                null => "the message is JSON null",
                { Exchange: null or "" } or { Symbol: null or "" } => "exchange and symbol are required",
                { FromSequence: < 0 } => "from_sequence is negative",
                _ when request.ToSequence < request.FromSequence => "to_sequence is below from_sequence",
                _ => null,
            };
            return error is null ? request : null;
        }
        catch (JsonException exception)
        {
            error = exception.Message;
            return null;
        }
    }
}
