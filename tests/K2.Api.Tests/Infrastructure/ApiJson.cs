using System.Net;
using System.Text.Json;

namespace K2.Api.Tests.Infrastructure;

/// <summary>GET helpers that return the parsed body and assert the status.</summary>
public static class ApiJson
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: expected {expected}, got {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the standard error body and returns its code.</summary>
    public static string ErrorCode(this JsonElement body)
    {
        Assert.True(body.TryGetProperty("message", out var message) && message.GetString()!.Length > 0, body.ToString());
        return body.GetProperty("error").GetString()!;
    }
}
