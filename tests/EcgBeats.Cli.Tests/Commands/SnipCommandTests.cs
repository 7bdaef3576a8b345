using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Tests.Commands;

public sealed class SnipCommandTests
{
    [Fact]
    public void CutsSignalsAndAnnotationsOfAWindow()
    {
        using var temp = TestData.TempFolder();
        string source = TestData.FixtureRecord("208");

        var result = CliRunner.Run("snip", source, "--from", "10", "--to", "20", "--out", temp.Path, "--name", "cut");

        Assert.Equal(0, result.ExitCode);
        var cut = RecordReader.Read(temp.File("cut"));
        var original = RecordReader.Read(source, 3600, 3600);
        Assert.Equal(original.Adc, cut.Adc);
        var expected = AnnotationReader.ReadFile(source + ".atr")
            .Where(a => a.Sample is >= 3600 and < 7200).Select(a => a with { Sample = a.Sample - 3600 });
        Assert.Equal(expected, AnnotationReader.ReadFile(temp.File("cut.atr")));
    }

    [Fact]
    public void CuttingARecordIntoItsOwnFolderUnderItsOwnNameIsRefused()
    {
        // #25: `snip rec/100 --from 0 --to 10 --out rec` turned the 5-minute record into 10 s.
        using var temp = TestData.TempFolder();
        string folder = temp.File("rec");
        Directory.CreateDirectory(folder);
        foreach (string ext in new[] { "hea", "dat", "atr" }) File.Copy(TestData.FixtureRecord("100") + "." + ext, Path.Combine(folder, "100." + ext));
        byte[] dat = File.ReadAllBytes(Path.Combine(folder, "100.dat"));

        var result = CliRunner.Run("snip", Path.Combine(folder, "100"), "--from", "0", "--to", "10", "--out", folder);

        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("would destroy the source", result.Error);
        Assert.Equal(dat, File.ReadAllBytes(Path.Combine(folder, "100.dat")));
        Assert.Equal(File.ReadAllBytes(TestData.FixtureRecord("100") + ".hea"), File.ReadAllBytes(Path.Combine(folder, "100.hea")));
        // Under another name it is a new record beside the source.
        Assert.Equal(0, CliRunner.Run("snip", Path.Combine(folder, "100"), "--from", "0", "--to", "10", "--out", folder, "--name", "100s").ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "100s.dat")));
    }

    [Fact]
    public void ARecordWithANullSignalIsCutWithTheSignalStillNull()
    {
        // #25: snip of a record with a format-0 (null) signal stopped with NotSupportedException (an internal error).
        using var temp = TestData.TempFolder();
        short[] values = [.. Enumerable.Range(0, 360).Select(i => (short)(i * 3 - 500))];
        File.WriteAllBytes(temp.File("nul.dat"), [.. values.SelectMany(BitConverter.GetBytes)]);
        File.WriteAllText(temp.File("nul.hea"), "nul 2 360 360\nnul.dat 16 200 16 0 0 0 0 MLII\n~ 0 200 12 0 0 0 0 nothing\n");

        var result = CliRunner.Run("snip", temp.File("nul"), "--from", "0.5", "--to", "0.75", "--out", temp.File("out"));

        Assert.True(result.ExitCode == 0, result.Error);
        var cut = RecordReader.Read(temp.File("out/nul"));
        Assert.Equal(values[180..270].Select(v => (int)v), cut.Adc[0]);
        Assert.All(cut.Adc[1], v => Assert.Equal(Wfdb.Formats.SignalCodecs.InvalidSample, v)); // a null signal reads as invalid samples
        Assert.Contains("\n~ 0 ", File.ReadAllText(temp.File("out/nul.hea")));
    }

    [Fact]
    public void AnEmptyWindowIsRefused()
    {
        using var temp = TestData.TempFolder();
        var result = CliRunner.Run("snip", TestData.FixtureRecord("100"), "--from", "20", "--to", "10", "--out", temp.Path);
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("window", result.Error);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    /// <summary>Issue #14: a header naming a signal file outside its folder must not be followed (snip would copy it out).</summary>
    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../other/100.dat")]
    public void AHeaderNamingASignalFileOutsideItsFolderIsRefused(string signalFile)
    {
        using var temp = TestData.TempFolder();
        Directory.CreateDirectory(temp.File("other"));
        Directory.CreateDirectory(temp.File("rec"));
        foreach (string ext in new[] { ".hea", ".dat" })
            File.Copy(TestData.FixtureRecord("100") + ext, Path.Combine(temp.Path, "other", "100" + ext));
        string record = Path.Combine(temp.Path, "rec", "100");
        File.WriteAllText(record + ".hea", File.ReadAllText(TestData.FixtureRecord("100") + ".hea").Replace("100.dat", signalFile));

        var result = CliRunner.Run("snip", record, "--from", "0", "--to", "1", "--out", temp.File("out"));

        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("outside the record's folder", result.Error);
        Assert.Contains(signalFile, result.Error);
        Assert.False(Directory.Exists(temp.File("out")) && Directory.EnumerateFileSystemEntries(temp.File("out")).Any(), "nothing may be written");
    }

    /// <summary>Issue #14: a corrupt annotation file must leave no header or signal file behind: all of a record or nothing.</summary>
    [Fact]
    public void ACorruptAnnotationFileLeavesNothingBehind()
    {
        using var temp = TestData.TempFolder();
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        byte[] atr = File.ReadAllBytes(record + ".atr");
        File.WriteAllBytes(record + ".atr", atr[..(atr.Length / 2 | 1)]); // an odd length: a half annotation word
        string output = temp.File("out");

        var result = CliRunner.Run("snip", record, "--from", "0", "--to", "10", "--out", output);

        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("100.atr", result.Error);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(),
            $"left: {(Directory.Exists(output) ? string.Join(", ", Directory.EnumerateFileSystemEntries(output)) : "")}");
    }

    /// <summary>Issue #14: --name is a WFDB record name; a path or a name WFDB's tools refuse is refused before writing.</summary>
    [Theory]
    [InlineData("../escaped")]
    [InlineData("with space")]
    [InlineData("accentué")]
    public void ANameThatIsNotAWfdbRecordNameIsRefused(string name)
    {
        using var temp = TestData.TempFolder();
        string output = temp.File("out");
        var result = CliRunner.Run("snip", TestData.FixtureRecord("100"), "--from", "0", "--to", "1", "--out", output, "--name", name);

        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("--name", result.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void AnOutFolderThatIsAFileIsSaidToBeAFile()
    {
        using var temp = TestData.TempFolder();
        File.WriteAllText(temp.File("out"), "x");
        var result = CliRunner.Run("snip", TestData.FixtureRecord("100"), "--from", "0", "--to", "1", "--out", temp.File("out"));
        Assert.Equal((int)ExitCode.IoError, result.ExitCode);
        Assert.Contains("is a file, not a folder", result.Error);
    }
}
