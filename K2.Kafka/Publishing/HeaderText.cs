using System.Text;
using Confluent.Kafka;

namespace K2.Kafka.Publishing;

/// <summary>Reads and writes K2's UTF-8 text headers.</summary>
public static class HeaderText
{
    public static Headers AddText(this Headers headers, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Add(key, Encoding.UTF8.GetBytes(value));
        return headers;
    }

    /// <summary>The last value of <paramref name="key"/> as text, or null when the header is absent.</summary>
    public static string? Find(Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) && bytes is not null
            ? Encoding.UTF8.GetString(bytes)
            : null;
}
