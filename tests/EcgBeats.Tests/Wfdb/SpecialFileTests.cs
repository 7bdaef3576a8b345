using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

/// <summary>#25: a record file that is (or links to) a device is refused, not read until memory runs out.</summary>
public sealed class SpecialFileTests
{
    [Fact]
    public void HeaderSignalAndAnnotationFilesLinkedToDevZeroAreRefused()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "devices are told from files through statx");
        using var temp = TestData.TempFolder();
        File.CreateSymbolicLink(temp.File("zero.hea"), "/dev/zero");
        var header = Assert.Throws<InvalidInputException>(() => RecordReader.ReadHeader(temp.File("zero")));
        Assert.Contains("zero.hea: is a device, pipe or socket", header.Message);

        File.WriteAllText(temp.File("rec.hea"), "rec 1 360 1000\nrec.dat 16 200 16 0 0 0 0 MLII\n");
        File.CreateSymbolicLink(temp.File("rec.dat"), "/dev/zero");
        // Refused before a byte is read: its length (0, as a device reports it) does not hold the frames the header declares.
        var signal = Assert.ThrowsAny<Exception>(() => RecordReader.Read(temp.File("rec")));
        Assert.True(signal is InvalidInputException or FormatException, signal.GetType().Name);
        Assert.Contains("rec.dat", signal.Message);

        File.CreateSymbolicLink(temp.File("rec.atr"), "/dev/zero");
        var annotations = Assert.Throws<InvalidInputException>(() => AnnotationReader.ReadFile(temp.File("rec.atr")));
        Assert.Contains("rec.atr: is a device, pipe or socket", annotations.Message);

        // A link to a regular file is read as WFDB reads it.
        File.Copy(TestData.FixtureRecord("100") + ".hea", temp.File("real.hea"));
        File.CreateSymbolicLink(temp.File("linked.hea"), temp.File("real.hea"));
        Assert.Equal(360, RecordReader.ReadHeader(temp.File("linked")).SamplingFrequency);
    }

    [Fact]
    public void ASignalFileReachedThroughLinksIsReadWhole()
    {
        // A record folder of links to a shared copy (as one makes to rename or regroup records) was refused: the link's
        // own length (that of its target's name, a few dozen bytes) was taken for the signal file's: "the file ends here".
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "symbolic links need no privilege here");
        using var temp = TestData.TempFolder();
        File.Copy(TestData.FixtureRecord("100") + ".hea", temp.File("100.hea"));
        File.CreateSymbolicLink(temp.File("first.dat"), Path.GetFullPath(TestData.FixtureRecord("100") + ".dat"));
        File.CreateSymbolicLink(temp.File("100.dat"), temp.File("first.dat"));   // a link to a link

        var record = RecordReader.Read(temp.File("100"));

        // What WFDB wrote in the header: the length and each signal's 16-bit checksum.
        var header = RecordReader.ReadHeader(TestData.FixtureRecord("100"));
        Assert.Equal(header.SampleCount, record.Length);
        for (int s = 0; s < header.Signals.Count; s++)
            Assert.Equal(header.Signals[s].Checksum, record.Checksum(s));
        Assert.Equal(header.SampleCount, RecordReader.Length(temp.File("100")));
    }
}
