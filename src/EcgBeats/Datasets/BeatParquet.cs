using System.Security.Cryptography;
using System.Text.Json;
using EcgBeats.Beats;
using EcgBeats.Io;
using EcgBeats.Representations;
using Parquet;
using Parquet.Schema;

namespace EcgBeats.Datasets;

/// <summary>
/// Beats as a self-describing Parquet file (Parquet.Net), which pandas, polars, R's arrow and Spark read directly: one row
/// per beat with <c>record</c>, <c>sample</c>, <c>symbol</c>, <c>label</c> (0-4) and <c>class</c> (N, S, V, F, Q), then one
/// float32 column per value, named after the layout (<c>MLII_000</c> .. <c>MLII_089</c>, then the features, e.g.
/// <c>pre_rr_s</c>). The file's key-value metadata holds the representation recipe (<c>ecgbeats.representation</c>, JSON).
/// </summary>
public static class BeatParquet
{
    /// <summary>The metadata key of the recipe.</summary>
    public const string RecipeKey = "ecgbeats.representation";

    /// <summary>The metadata key of the format's name.</summary>
    public const string FormatKey = "ecgbeats.format";

    /// <summary>
    /// The metadata key of the SHA-256 (hex) of what the file holds, as read back: the recipe's JSON, then each beat's
    /// record, sample, symbol and label, then every value (<see cref="ContentDigest"/>). A file read without the card
    /// that pins its bytes is still checked: damaged pages that the Parquet library decodes anyway are refused, not
    /// read as other beats (#25). Files written before it have no such key and read as before.
    /// </summary>
    public const string ContentKey = "ecgbeats.content-sha256";

    /// <summary>The format's name and version.</summary>
    public const string FormatName = "ecgbeats-beats/1";

    /// <summary>The value columns' names for a layout: each lead's samples, then the features.</summary>
    public static IReadOnlyList<string> ValueColumns(BeatLayout layout)
    {
        var names = new List<string>(layout.ValuesPerBeat);
        for (int l = 0; l < layout.Leads.Count; l++)
        {
            string lead = layout.Leads[l].Name ?? $"lead{l}";
            for (int k = 0; k < layout.SamplesPerLead; k++) names.Add($"{lead}_{k:000}");
        }
        names.AddRange(layout.Features);
        return names;
    }

    /// <summary>Writes labelled beats (with their recipe and origins), atomically; returns the SHA-256 (hex) of the file.</summary>
    public static string Write(string path, LabelledBeats beats)
    {
        var recipe = beats.Recipe ?? throw new ArgumentException("beats without a recipe cannot say what their columns are", nameof(beats));
        var origins = beats.Origins ?? throw new ArgumentException("these beats carry no origins", nameof(beats));
        var columns = ValueColumns(recipe.Layout);
        var record = new DataField<string>("record");
        var sample = new DataField<long>("sample");
        var symbol = new DataField<string>("symbol");
        var label = new DataField<int>("label");
        var className = new DataField<string>("class");
        var values = columns.Select(c => new DataField<float>(c)).ToList();
        var schema = new ParquetSchema([record, sample, symbol, label, className, .. values]);

        string recipeJson = JsonSerializer.Serialize(recipe, JsonFile.Options);
        string[] symbols = beats.Symbols?.Select(v => v ?? "").ToArray() ?? beats.Labels.Select(l => AamiMapping.Classes[l].ToString()).ToArray();
        var memory = new MemoryStream();
        Task.Run(async () =>
        {
            await using (var writer = await ParquetWriter.CreateAsync(schema, memory))
            {
                writer.CustomMetadata = new Dictionary<string, string>
                {
                    [FormatKey] = FormatName,
                    [RecipeKey] = recipeJson,
                    [ContentKey] = ContentDigest(recipeJson, origins, symbols, beats.Labels, beats.Values),
                };
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(record, origins.Select(o => o.Record).ToArray());
                await group.WriteAsync<long>(sample, origins.Select(o => o.Sample).ToArray());
                await group.WriteAsync(symbol, symbols);
                await group.WriteAsync<int>(label, beats.Labels);
                await group.WriteAsync(className, beats.Labels.Select(l => AamiMapping.Classes[l].ToString()).ToArray());
                var column = new float[beats.Count];
                for (int c = 0; c < values.Count; c++)
                {
                    for (int i = 0; i < beats.Count; i++) column[i] = beats.Values[(long)i * beats.ValuesPerBeat + c];
                    await group.WriteAsync<float>(values[c], column);
                }
            }
        }).GetAwaiter().GetResult();
        byte[] bytes = memory.ToArray();
        AtomicFile.WriteAllBytes(path, bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Reads a beat file written by <see cref="Write"/>: the beats carry the file's recipe, origins and symbols.</summary>
    /// <param name="path">The file.</param>
    /// <param name="sha256">The SHA-256 (hex) of the file's bytes.</param>
    /// <exception cref="InvalidInputException">Not such a file (no recipe, missing columns, labels outside 0-4), named with the file.</exception>
    public static LabelledBeats Read(string path, out string sha256)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        byte[] bytes = File.ReadAllBytes(path);
        sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            return Task.Run(() => ReadAsync(path, bytes)).GetAwaiter().GetResult();
        }
        // Whatever a damaged file makes the Parquet library throw (its Thrift footer reader included: a footer length
        // pointing at the file's start gave ThriftProtocolException) is the file's fault, named with it.
        catch (Exception e) when (e is not (InvalidInputException or OperationCanceledException or OutOfMemoryException))
        {
            throw new InvalidInputException($"{path}: not a readable EcgBeats beat file ({e.GetType().Name}: {Io.Quote.Short(e.Message.Split('\n')[0])})", e);
        }
    }

    private static async Task<LabelledBeats> ReadAsync(string path, byte[] bytes)
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        if (!reader.CustomMetadata.TryGetValue(FormatKey, out string? format) || format != FormatName)
            throw new InvalidInputException($"{path}: a Parquet file, but not EcgBeats beats (metadata '{FormatKey}' is {(format is null ? "missing" : $"'{format}'")}; expected '{FormatName}')");
        var recipe = reader.CustomMetadata.TryGetValue(RecipeKey, out string? json) ? JsonSerializer.Deserialize<RepresentationRecipe>(json, JsonFile.Options) : null;
        if (recipe?.Layout is null) throw new InvalidInputException($"{path}: metadata '{RecipeKey}' is missing or not a representation recipe");
        var columns = ValueColumns(recipe.Layout);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        DataField Field(string name) => fields.TryGetValue(name, out var f) ? f : throw new InvalidInputException($"{path}: column '{name}' is missing");

        var records = new List<string>();
        var samples = new List<long>();
        var symbols = new List<string>();
        var labels = new List<int>();
        var valueColumns = columns.Select(_ => new List<float>()).ToArray();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = checked((int)group.RowCount);
            var s = new string?[rows];
            await group.ReadAsync(Field("record"), s.AsMemory());
            records.AddRange(s.Select(v => v ?? throw new InvalidInputException($"{path}: a beat without its record")));
            var longs = new long[rows];
            await group.ReadAsync<long>(Field("sample"), longs.AsMemory());
            samples.AddRange(longs);
            await group.ReadAsync(Field("symbol"), s.AsMemory());
            symbols.AddRange(s.Select(v => v ?? ""));
            var ints = new int[rows];
            await group.ReadAsync<int>(Field("label"), ints.AsMemory());
            labels.AddRange(ints);
            var floats = new float[rows];
            for (int c = 0; c < columns.Count; c++)
            {
                await group.ReadAsync<float>(Field(columns[c]), floats.AsMemory());
                valueColumns[c].AddRange(floats);
            }
        }
        int bad = labels.FindIndex(l => l is < 0 or > KaggleCsv.MaxLabel);
        if (bad >= 0) throw new InvalidInputException($"{path}, row {bad + 1}: label {labels[bad]} is not one of 0, 1, 2, 3, 4");
        int n = labels.Count, width = columns.Count;
        var values = new float[(long)n * width];
        for (int c = 0; c < width; c++)
            for (int i = 0; i < n; i++) values[(long)i * width + c] = valueColumns[c][i];
        var origins = records.Zip(samples, (r, p) => new BeatOrigin(r, p)).ToArray();
        if (reader.CustomMetadata.TryGetValue(ContentKey, out string? digest)
            && !string.Equals(digest, ContentDigest(json!, origins, symbols, labels, values), StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"{path}: its beats differ from the SHA-256 written with them (metadata '{ContentKey}'): the file was damaged or changed after it was written; rebuild it");
        return new LabelledBeats(new UnlabelledBeats(width, values, recipe, origins), labels.ToArray(), symbols.ToArray());
    }

    /// <summary>
    /// SHA-256 (hex) of the recipe's JSON, then per beat its record (UTF-8, NUL-ended), sample (int64), symbol (UTF-8,
    /// NUL-ended) and label (int32), then every value (float32, row by row), all little-endian.
    /// </summary>
    private static string ContentDigest(string recipeJson, IReadOnlyList<BeatOrigin> origins, IReadOnlyList<string> symbols, IReadOnlyList<int> labels, float[] values)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(recipeJson));
        Span<byte> number = stackalloc byte[8];
        for (int i = 0; i < labels.Count; i++)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(origins[i].Record + "\0"));
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(number, origins[i].Sample);
            hash.AppendData(number);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(symbols[i] + "\0"));
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(number, labels[i]);
            hash.AppendData(number[..4]);
        }
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())); // little-endian on every platform .NET runs this on
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
