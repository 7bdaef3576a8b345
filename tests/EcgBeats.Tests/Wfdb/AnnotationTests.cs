using EcgBeats.Beats;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

public sealed class AnnotationTests
{
    /// <summary>PhysioNet's MIT-BIH Arrhythmia Database table of beat counts, summed over the 48 records.</summary>
    private static readonly Dictionary<string, int> PhysioNetBeatTotals = new()
    {
        ["N"] = 75052, ["L"] = 8075, ["R"] = 7259, ["V"] = 7130, ["/"] = 7028, ["A"] = 2546, ["f"] = 982, ["F"] = 803,
        ["j"] = 229, ["a"] = 150, ["E"] = 106, ["J"] = 83, ["Q"] = 33, ["e"] = 16, ["S"] = 2,
    };

    [Fact]
    public void BeatTotalsOverTheDatabaseEqualPhysioNetsTable()
    {
        string dir = TestData.RequireMitDb();
        var counts = TestData.MitBihRecords
            .SelectMany(r => AnnotationReader.ReadFile(Path.Combine(dir, r + ".atr")))
            .Where(a => AamiMapping.IsBeat(a.Symbol))
            .GroupBy(a => a.Symbol)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(PhysioNetBeatTotals.OrderBy(p => p.Key), counts.OrderBy(p => p.Key));
        Assert.Equal(109494, counts.Values.Sum());
    }

    public static TheoryData<string> AllRecords() => new(TestData.MitBihRecords);

    [Theory]
    [MemberData(nameof(AllRecords))]
    public void RewritingAnUnmodifiedAnnotationFileReproducesItByteForByte(string record)
    {
        string path = Path.Combine(TestData.RequireMitDb(), record + ".atr");
        byte[] original = File.ReadAllBytes(path);
        var annotations = AnnotationReader.Parse(original, path);

        Assert.Equal(original, AnnotationWriter.Encode(annotations));
    }

    [Fact]
    public void FirstAnnotationsOfRecord100AreThoseRdannPrints()
    {
        // rdann -r mitdb/100 -a atr: "0:00.050 18 + 0 0 0 (N" then "0:00.214 77 N 0 0 0".
        var annotations = AnnotationReader.ReadFile(TestData.FixtureRecord("100") + ".atr");
        Assert.Equal(new Annotation(18, AnnotationCodes.RhythmChange, Aux: "(N\0"), annotations[0]);
        Assert.Equal("(N", annotations[0].AuxText);
        Assert.Equal("+", annotations[0].Symbol);
        Assert.Equal(new Annotation(77, 1), annotations[1]);
        Assert.Equal("N", annotations[1].Symbol);
    }

    [Fact]
    public void RhythmChangesCarryTheirRhythmInTheAuxText()
    {
        string dir = TestData.RequireMitDb();
        var rhythms = AnnotationReader.ReadFile(Path.Combine(dir, "201.atr"))
            .Where(a => a.Code == AnnotationCodes.RhythmChange).Select(a => a.AuxText).Distinct().ToList();
        // PhysioNet's record 201 notes: atrial fibrillation, nodal rhythm, normal sinus rhythm,
        // ventricular trigeminy and supraventricular tachyarrhythmia.
        Assert.Equal(["(AFIB", "(N", "(NOD", "(SVTA", "(T"], rhythms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryKindOfFieldSurvivesWriteThenRead()
    {
        Annotation[] annotations =
        [
            new(0, 28, Aux: "(AFIB"),                         // odd-length aux, padded
            new(1, 1),                                         // interval 1
            new(1, 5, Channel: 1),                             // same time, other channel: CHN
            new(1000, 1, Channel: 1),                          // chan carries over: no CHN written
            new(5000, 13, Subtype: 3),                         // interval > 1023: SKIP; SUB
            new(5001, 22, Number: 7, Aux: "noise"),            // NUM, comment with aux
            new(5002, 1, Number: 7),                           // num carries over
            new(5002 + 70000, 0),                              // code 0: written after a SKIP to one sample before
            new(5002 + 70001, 1, Number: 0, Channel: 0, Aux: "ab"), // back to 0: NUM and CHN written; even aux
            new(1L << 30, 1),                                  // a very long gap
        ];
        byte[] bytes = AnnotationWriter.Encode(annotations);
        var back = AnnotationReader.Parse(bytes, "synthetic");
        Assert.Equal(annotations, back);
        Assert.Equal(bytes, AnnotationWriter.Encode(back));
    }

    [Fact]
    public void WrittenFixtureAnnotationsReadBackIdentically()
    {
        using var temp = TestData.TempFolder();
        foreach (string record in TestData.FixtureRecords)
        {
            var annotations = AnnotationReader.ReadFile(TestData.FixtureRecord(record) + ".atr");
            string copy = temp.File(record + ".atr");
            AnnotationWriter.WriteFile(copy, annotations);
            Assert.Equal(annotations, AnnotationReader.ReadFile(copy));
            Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
        }
    }
}
