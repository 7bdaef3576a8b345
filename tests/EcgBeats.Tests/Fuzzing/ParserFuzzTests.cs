using CsCheck;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Fuzzing;

/// <summary>
/// Issue #14: the parsers of everything a user hands the tool (WFDB headers, signal and annotation files, Kaggle CSV,
/// model cards) fed mutated copies of real seed files (<c>tests/Fixtures/fuzz/</c>): each either reads the input or
/// refuses it with <see cref="InvalidInputException"/> (or a missing-file error), never anything else. CsCheck drives
/// the mutations and shrinks a failure to a small case. The time per parser comes from <c>ECGBEATS_FUZZ_SECONDS</c>
/// (default 6 s, so the five together stay under a minute in CI); <c>ECGBEATS_FUZZ_SECONDS=600 dotnet test --filter
/// ParserFuzzTests</c> is the documented longer run (docs/reliability.md). Every crash found became a fixed bug and a
/// kept seed in <c>tests/Fixtures/fuzz/</c>.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly int Seconds = int.TryParse(Environment.GetEnvironmentVariable("ECGBEATS_FUZZ_SECONDS"), out int s) ? s : 6;

    private static string Seeds(string kind) => TestData.Fixture(Path.Combine("fuzz", kind));

    /// <summary>One edit of a file: what, where (a fraction of the length), and a byte or a token.</summary>
    private sealed record Edit(int Kind, double Where, byte Value, int Token, int Length);

    /// <summary>Tokens that parsers meet at their edges: huge and negative numbers, separators, paths, odd bytes.</summary>
    private static readonly string[] Tokens =
    [
        "0", "-1", "-5", "4000000000000000000", "1e309", "NaN", "0.001", "2000000000", "99999999999999999999", "/", "../",
        "/etc/passwd", "\0", "\uFEFF", " ", "\t", "\n", "\r\n", "#", ",", ":", "x", "+", "e", "212", "16", "8", "null", "[]", "{}", "\"", "-0",
    ];

    private static readonly Gen<Edit> EditGen = Gen.Select(Gen.Int[0, 6], Gen.Double[0, 1], Gen.Byte, Gen.Int[0, Tokens.Length - 1], Gen.Int[1, 64])
        .Select((kind, where, value, token, length) => new Edit(kind, where, value, token, length));

    private static Gen<(int Seed, Edit[] Edits)> Mutations(int seeds) => Gen.Select(Gen.Int[0, seeds - 1], EditGen.Array[1, 8]);

    private static byte[] Apply(byte[] original, Edit[] edits)
    {
        var bytes = new List<byte>(original);
        foreach (var e in edits)
        {
            int at = (int)(e.Where * bytes.Count);
            int end = Math.Min(bytes.Count, at + e.Length);
            switch (e.Kind)
            {
                case 0 when at < bytes.Count: bytes[at] = e.Value; break;                         // overwrite a byte
                case 1: bytes.Insert(Math.Min(at, bytes.Count), e.Value); break;                    // insert a byte
                case 2: bytes.RemoveRange(at, end - at); break;                                       // delete a run
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;                               // truncate
                case 4: bytes.InsertRange(Math.Min(at, bytes.Count), System.Text.Encoding.UTF8.GetBytes(Tokens[e.Token])); break;
                case 5: bytes.InsertRange(Math.Min(at, bytes.Count), bytes.GetRange(at, end - at)); break; // repeat a run
                case 6 when at < bytes.Count: bytes[at] ^= (byte)(1 << (e.Value & 7)); break;       // flip a bit
            }
        }
        return [.. bytes];
    }

    /// <summary>True for the refusals a user may see: bad input (65) or missing input (66), with a message.</summary>
    private static bool Refused(Exception e) =>
        e is InvalidInputException or FormatException or FileNotFoundException or DirectoryNotFoundException && e.Message.Length is > 0 and < 2000;

    private static void Fuzz(string[] seedFiles, Action<byte[], int> read)
    {
        var seeds = seedFiles.Select(File.ReadAllBytes).ToArray();
        long tried = 0, refused = 0;
        Action<(int Seed, Edit[] Edits)> check = m =>
        {
            tried++;
            try { read(Apply(seeds[m.Seed], m.Edits), m.Seed); }
            catch (Exception e) when (Refused(e)) { refused++; }
        };
        Mutations(seeds.Length).Sample(check, time: Seconds, threads: 1);
        TestContext.Current.TestOutputHelper?.WriteLine($"{tried:N0} inputs tried in {Seconds} s, {refused:N0} refused as bad input, {tried - refused:N0} read");
    }

    /// <summary>The crashes fuzzing found, kept as seeds: each is now a named refusal (exit 65), not an internal error.</summary>
    [Theory]
    [InlineData("format-overflow.hea", "line 2")]
    [InlineData("offset-overflow.hea", "line 2")]
    [InlineData("baseline-overflow.hea", "line 2")]
    [InlineData("basetime-overflow.hea", "line 1")]
    [InlineData("card-long-token.json", "model.json")]
    public void EveryCrashFoundIsARefusalNow(string file, string where)
    {
        string path = Path.Combine(Seeds("crashes"), file);
        InvalidInputException error;
        if (file.EndsWith(".json"))
        {
            using var temp = TestData.TempFolder();
            File.Copy(path, temp.File(ModelCard.FileName));
            error = Assert.Throws<InvalidInputException>(() => ModelCard.Read(temp.Path));
        }
        else error = Assert.ThrowsAny<InvalidInputException>(() => HeaderParser.ReadFile(path));
        Assert.Contains(where, error.Message);
        Assert.True(error.Message.Length < 600, $"{error.Message.Length} characters");
    }

    [Fact]
    public void HeadersAreReadOrRefused()
    {
        var files = Directory.GetFiles(Seeds("record"), "*.hea").Concat(Directory.GetFiles(Seeds("crashes"), "*.hea"))
            .Concat(Directory.GetFiles(Seeds("header"))).Order().ToArray(); // multi-segment, samples per frame, skew, groups
        Fuzz(files, (bytes, _) => HeaderParser.Parse(System.Text.Encoding.UTF8.GetString(bytes), "fuzz.hea"));
    }

    [Fact]
    public void AnnotationFilesAreReadOrRefused()
    {
        var files = Directory.GetFiles(Seeds("record"), "*.atr").Concat([TestData.FixtureRecord("208") + ".atr"])
            .Concat(Directory.GetFiles(Seeds("annotation"))).Order().ToArray(); // AHA format, time resolution and a table
        Fuzz(files, (bytes, _) => AnnotationReader.Parse(bytes, "fuzz.atr", 360));
    }

    /// <summary>
    /// A whole record: the header mutated or the signal file mutated, read through the file system as a user's would be.
    /// <c>nul</c> (#25) is fixture 100's first second of MLII as format 16 beside a null (format 0) signal, whose declared
    /// length no file bounds; run with <c>DOTNET_GCHeapHardLimit=0x40000000</c> (1 GiB) no input may exhaust memory.
    /// </summary>
    [Fact]
    public void RecordsAreReadOrRefused()
    {
        using var temp = TestData.TempFolder();
        string folder = Seeds("record");
        var names = Directory.GetFiles(folder, "*.hea").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        var seeds = names.SelectMany(n => new[] { Path.Combine(folder, n + ".hea"), Path.Combine(folder, n + ".dat") }).ToArray();
        Fuzz(seeds, (bytes, seed) =>
        {
            string name = names[seed / 2]!;
            string record = Path.Combine(temp.Path, name);
            File.Copy(Path.Combine(folder, name + ".hea"), record + ".hea", overwrite: true);
            File.Copy(Path.Combine(folder, name + ".dat"), record + ".dat", overwrite: true);
            File.WriteAllBytes(record + (seed % 2 == 0 ? ".hea" : ".dat"), bytes);
            var read = RecordReader.Read(record);
            if (read.Length > 0) _ = read.Physical(0);
        });
    }

    [Fact]
    public void KaggleCsvFilesAreReadOrRefused()
    {
        using var temp = TestData.TempFolder();
        string path = temp.File("beats.csv");
        Fuzz(Directory.GetFiles(Seeds("csv")).Order().ToArray(), (bytes, _) =>
        {
            File.WriteAllBytes(path, bytes);
            KaggleCsv.ReadBeats(path);
        });
    }

    [Fact]
    public void ModelCardsAreReadOrRefused()
    {
        using var temp = TestData.TempFolder();
        Fuzz(Directory.GetFiles(Seeds("card")).Concat(Directory.GetFiles(Seeds("crashes"), "*.json")).Order().ToArray(), (bytes, _) =>
        {
            File.WriteAllBytes(temp.File(ModelCard.FileName), bytes);
            ModelCard.Read(temp.Path);
        });
    }
}
