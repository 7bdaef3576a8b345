using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcgBeats.Io;

/// <summary>The JSON files EcgBeats writes (cards, metrics): indented, camelCase, readable text, written atomically.</summary>
public static class JsonFile
{
    /// <summary>The serializer settings of every EcgBeats JSON file.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Read by people too: keep "+", ">" and non-ASCII text as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Enums by name (e.g. a filter's "BandPass"), which people can read; numbers are still read.
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options));

    /// <summary>
    /// Reads a <typeparamref name="T"/>; <paramref name="what"/> names the kind of file in errors
    /// (e.g. "an EcgBeats model card").
    /// </summary>
    /// <exception cref="InvalidInputException">Not valid JSON, or empty.</exception>
    public static T Read<T>(string path, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                   ?? throw new InvalidInputException($"{path}: empty; expected {what}");
        }
        catch (JsonException e)
        {
            // The parser's message quotes the offending text, which may be megabytes long: keep its start.
            throw new InvalidInputException($"{path}: not {what}: invalid at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {Quote.Short(e.Message)}", e);
        }
    }
}
