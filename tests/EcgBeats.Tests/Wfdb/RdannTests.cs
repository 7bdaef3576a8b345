using System.Globalization;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

/// <summary>
/// Annotation files read as libwfdb reads them, against WFDB 10.7's own <c>rdann</c> (files written by libwfdb and
/// <c>wrann</c>; tests/Fixtures/rdann/README.md has the commands).
/// </summary>
public sealed class RdannTests
{
    private static string File_(string name) => TestData.Fixture("rdann", name);

    /// <summary>rdann's rows: sample, mnemonic, subtype, chan, num, aux (after a tab).</summary>
    private static (long Sample, string Symbol, int Sub, int Chan, int Num, string? Aux)[] Expected(string file) =>
        File.ReadAllLines(TestData.Fixture("rdann", "expected", file)).Select(line =>
        {
            string[] parts = line.Split('\t', 2);
            string[] f = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
            return (long.Parse(f[1], CultureInfo.InvariantCulture), f[2], Int(f[3]), Int(f[4]), Int(f[5]), parts.Length > 1 ? parts[1] : null);
        }).ToArray();

    private static (long, string, int, int, int, string?)[] Ours(IEnumerable<Annotation> annotations) =>
        annotations.Select(a => (a.Sample, a.Symbol, a.Subtype, a.Channel, a.Number, a.AuxText)).ToArray();

    /// <summary>
    /// libwfdb wrote 100.cus with <c>setafreq(1000)</c> (positions in ms ticks of a 360 Hz record) and a table naming
    /// codes 42 (X, "custom beat kind") and 45 (Y): positions come back in samples, codes by their names, the table hidden.
    /// </summary>
    [Fact]
    public void TimeResolutionAndCustomMnemonicsAreReadAsRdannReadsThem()
    {
        var file = AnnotationReader.Read(File_("100.cus"));
        Assert.Equal(1000, file.TimeResolution);
        Assert.Equal([new AnnotationDefinition(42, "X", "custom beat kind"), new AnnotationDefinition(45, "Y", "")], file.Definitions); // libwfdb writes "45 Y " and reads an empty description
        var expected = Expected("100.cus.txt");
        Assert.Equal(372, expected.Length);
        Assert.Equal(expected, Ours(file.Annotations));
        Assert.Contains(file.Annotations, a => a.Symbol == "X");

        // The same positions as the original 100.atr, whose resolution is the record's.
        Assert.Equal(AnnotationReader.ReadFile(TestData.FixtureRecord("100") + ".atr").Select(a => a.Sample), file.Annotations.Select(a => a.Sample));
    }

    [Fact]
    public void AResolutionWithNoHeaderToConvertToIsAnErrorNamingTheFile()
    {
        using var temp = TestData.TempFolder();
        File.Copy(File_("100.cus"), temp.File("lonely.cus"));
        var error = Assert.Throws<WfdbFormatException>(() => AnnotationReader.ReadFile(temp.File("lonely.cus")));
        Assert.EndsWith("lonely.cus", error.File);
        Assert.Contains("time resolution of 1000 ticks per second", error.Message);
        // Given the rate, it reads.
        Assert.Equal(18, AnnotationReader.ReadFile(temp.File("lonely.cus"), 360)[0].Sample);
    }

    /// <summary>
    /// wrann's file: its own time-resolution row and the null annotation that ends the table, then NOTE rows that are
    /// not a table (they follow the null annotation), shown as annotations; code 42 keeps its bracketed name.
    /// </summary>
    [Fact]
    public void OnlyTheLeadingNoteRowsAreATable()
    {
        var file = AnnotationReader.Read(File_("100.wra"));
        Assert.Equal(360, file.TimeResolution);
        Assert.Empty(file.Definitions);
        Assert.Equal(Expected("100.wra.txt"), Ours(file.Annotations));
        Assert.Equal("[42]", file.Annotations[4].Symbol);
    }

    /// <summary>The AHA format, recognised by its first bytes as libwfdb does, read record by record (16 bytes each).</summary>
    [Fact]
    public void AhaFormatFilesAreReadAsRdannReadsThem()
    {
        var file = AnnotationReader.Read(File_("100.aha"));
        Assert.True(file.Aha);
        Assert.Equal(Expected("100.aha.txt"), Ours(file.Annotations));
    }

    /// <summary>subtyp and num are signed chars in libwfdb, chan an unsigned char: wrann's 200/300/150 read back as -56/44/-106.</summary>
    [Fact]
    public void FieldsTakeWfdbsValueRanges()
    {
        var annotations = AnnotationReader.ReadFile(File_("100.rng"));
        Assert.Equal(Expected("100.rng.txt"), Ours(annotations));
        Assert.Equal((-56, 44, -106), (annotations[0].Subtype, annotations[0].Channel, annotations[0].Number));
    }

    [Fact]
    public void StandardFilesEqualRdann()
    {
        Assert.Equal(Expected("100.atr.txt"), Ours(AnnotationReader.ReadFile(TestData.FixtureRecord("100") + ".atr")));
    }

    /// <summary>Codes with their own mnemonic are written with a table libwfdb reads back, and negative fields survive.</summary>
    [Fact]
    public void TheWriterWritesTheTableAndWfdbsRanges()
    {
        var annotations = AnnotationReader.ReadFile(File_("100.cus"));
        var back = AnnotationReader.Parse(AnnotationWriter.Encode(annotations), "copy");
        Assert.Equal(annotations, back);
        var ranges = AnnotationReader.ReadFile(File_("100.rng"));
        Assert.Equal(ranges, AnnotationReader.Parse(AnnotationWriter.Encode(ranges), "copy"));
    }

    [Fact]
    public void ATruncatedAhaFileNamesTheByte()
    {
        byte[] bytes = File.ReadAllBytes(File_("100.aha"))[..40];
        var error = Assert.Throws<WfdbFormatException>(() => AnnotationReader.Parse(bytes, "cut.aha"));
        Assert.Equal("byte 32", error.Where);
        Assert.Contains("AHA-format", error.Message);
    }
}
