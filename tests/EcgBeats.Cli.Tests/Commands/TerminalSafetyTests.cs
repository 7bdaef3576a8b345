using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary>
/// #25: text from a record's files reaches the terminal with its control characters escaped: a header's comments and
/// signal descriptions (info, samples' CSV header and its errors) and an annotation file's aux strings (info).
/// </summary>
public sealed class TerminalSafetyTests
{
    private const string Esc = "\u001b";

    /// <summary>Fixture record 100 with an escape sequence in a description and a comment, and one in a rhythm change's aux.</summary>
    private static string HostileRecord(TempFolder temp)
    {
        string folder = temp.File("rec");
        Directory.CreateDirectory(folder);
        File.Copy(TestData.FixtureRecord("100") + ".dat", Path.Combine(folder, "100.dat"));
        File.WriteAllText(Path.Combine(folder, "100.hea"),
            "100 2 360 108000\n100.dat 212 200 11 1024 995 -20101 0 ML" + Esc + "[31mII\n100.dat 212 200 11 1024 1011 -20894 0 V5\n# title " + Esc + "]0;pwned\u0007 end\n");
        AnnotationWriter.WriteFile(Path.Combine(folder, "100.atr"),
            [new Annotation(10, AnnotationCodes.RhythmChange, Aux: "(" + Esc + "[2JAFIB"), new Annotation(370, AnnotationCodes.Code("N"))]);
        return Path.Combine(folder, "100");
    }

    [Fact]
    public void InfoEscapesControlCharactersFromTheHeaderAndTheAnnotations()
    {
        using var temp = TestData.TempFolder();
        var info = CliRunner.Run("info", HostileRecord(temp));
        Assert.True(info.ExitCode == 0, info.Error);
        Assert.DoesNotContain(Esc, info.Output);
        Assert.DoesNotContain("\u0007", info.Output);
        Assert.Contains("\\u001B]0;pwned\\u0007 end", info.Output);   // the comment, shown with its characters named
        Assert.Contains("\\u001B[2JAFIB", info.Output);                // the rhythm's aux
    }

    [Fact]
    public void SamplesEscapesADescriptionInItsCsvHeaderAndItsErrors()
    {
        using var temp = TestData.TempFolder();
        string record = HostileRecord(temp);
        var samples = CliRunner.Run("samples", record, "--to", "0.01");
        Assert.True(samples.ExitCode == 0, samples.Error);
        Assert.StartsWith("time_s,ML\\u001B[31mII,V5\n", samples.Output.Replace("\r\n", "\n"));
        Assert.DoesNotContain(Esc, samples.Output);

        var wrong = CliRunner.Run("samples", record, "--signals", "V1");
        Assert.Equal((int)ExitCode.BadInput, wrong.ExitCode);
        Assert.Contains("0 (ML\\u001B[31mII)", wrong.Error);
        Assert.DoesNotContain(Esc, wrong.Error);
    }
}
