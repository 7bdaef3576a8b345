using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcgBeats.Io;

namespace EcgBeats.Runs;

/// <summary>
/// What a resumable step's output was made from: every input that changes it (data fingerprints, the representation
/// recipe, each option's value, the code's version), by name, and their SHA-256. A step is up to date only while the
/// stamp left in its folder has the same hash; change any input and the step runs again.
/// </summary>
public sealed class StepStamp
{
    /// <summary>The file a step leaves in its output folder when it has finished.</summary>
    public const string FileName = ".ecgbeats-step";

    private readonly SortedDictionary<string, string> _inputs = new(StringComparer.Ordinal);

    /// <summary>A stamp for a step of <paramref name="kind"/> (e.g. <c>dataset</c>, <c>model</c>).</summary>
    public StepStamp(string kind) => _inputs["step"] = kind;

    /// <summary>The inputs, by name.</summary>
    public IReadOnlyDictionary<string, string> Inputs => _inputs;

    /// <summary>Adds an input as text.</summary>
    public StepStamp With(string name, string value)
    {
        _inputs.Add(name, value);
        return this;
    }

    /// <summary>Adds an input as its JSON (every property of an options record: a new option is an input at once).</summary>
    public StepStamp WithJson<T>(string name, T value) => With(name, JsonSerializer.Serialize(value, JsonFile.Options));

    /// <summary>SHA-256 (hex) of the inputs.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(_inputs, JsonFile.Options))));

    /// <summary>Whether <paramref name="folder"/> holds this stamp (its step finished with these inputs).</summary>
    public bool IsDoneIn(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return false;
        try
        {
            return JsonSerializer.Deserialize<Saved>(File.ReadAllText(path), JsonFile.Options)?.Hash == Hash;
        }
        catch (JsonException)
        {
            return false; // an old or damaged stamp: the step runs again
        }
    }

    /// <summary>When the stamp in <paramref name="folder"/> was written (UTC); <see cref="DateTime.MinValue"/> when there is none.</summary>
    public static DateTime WrittenAt(string folder)
    {
        var file = new FileInfo(Path.Combine(folder, FileName));
        return file.Exists ? file.LastWriteTimeUtc : DateTime.MinValue;
    }

    /// <summary>Removes a stamp from <paramref name="folder"/> (before its step runs again).</summary>
    public static void Clear(string folder) => File.Delete(Path.Combine(folder, FileName));

    /// <summary>Leaves the stamp in <paramref name="folder"/>, atomically: the step is done.</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        JsonFile.Write(Path.Combine(folder, FileName), new Saved(Hash, _inputs));
    }

    private sealed record Saved(string Hash, IReadOnlyDictionary<string, string> Inputs);
}
