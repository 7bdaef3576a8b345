using System.Buffers.Binary;
using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Datasets;

/// <summary>#25: a damaged Parquet beat file is bad input named with the file, whatever the Parquet library throws.</summary>
public sealed class BeatParquetDamageTests
{
    [Fact]
    public void AFooterLengthPointingAtTheFilesStartIsBadInputNamingTheFile()
    {
        using var temp = TestData.TempFolder();
        string path = temp.File("beats.parquet");
        var beats = TestData.FixtureBeats.Test;
        BeatParquet.Write(path, beats.Select(Enumerable.Range(0, 50).ToList()));
        Assert.Equal(50, BeatParquet.Read(path, out _).Count); // whole, it reads

        // A Parquet file ends with its footer's length (4 bytes, little-endian) and "PAR1" (the format's own layout):
        // a length that reaches back to the file's first byte makes the footer reader parse the data pages.
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), bytes.Length - 8);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidInputException>(() => BeatParquet.Read(path, out _));
        Assert.Contains("beats.parquet: not a readable EcgBeats beat file", error.Message);
    }

    [Fact]
    public void AFileWithoutItsCardIsNeverReadAsOtherBeatsWhateverByteIsDamaged()
    {
        // #25: read without the dataset card that pins its bytes, a damaged file gave garbage beats with no error.
        using var temp = TestData.TempFolder();
        string path = temp.File("beats.parquet");
        var original = TestData.FixtureBeats.Test.Select(Enumerable.Range(0, 12).ToList());
        BeatParquet.Write(path, original);
        byte[] bytes = File.ReadAllBytes(path);
        var read = BeatParquet.Read(path, out _);
        Assert.Equal(original.Values, read.Values);

        // Bytes spread over the whole file (about 400), each in turn: the file is refused by name, or read as exactly the
        // beats written (a byte the reader never uses).
        string damaged = temp.File("damaged.parquet");
        int refused = 0, tried = 0;
        for (int at = 0; at < bytes.Length; at += Math.Max(1, bytes.Length / 400), tried++)
        {
            byte[] copy = (byte[])bytes.Clone();
            copy[at] ^= 0x5A;
            File.WriteAllBytes(damaged, copy);
            LabelledBeats beats;
            try { beats = BeatParquet.Read(damaged, out _); }
            catch (InvalidInputException e)
            {
                Assert.Contains("damaged.parquet", e.Message);
                refused++;
                continue;
            }
            Assert.True(original.Values.AsSpan().SequenceEqual(beats.Values), $"byte {at}: other values read without an error");
            Assert.Equal(original.Labels, beats.Labels);
            Assert.Equal(original.Origins, beats.Origins);
            Assert.Equal(original.Symbols, beats.Symbols);
            Assert.Equal(original.Recipe, beats.Recipe);
        }
        Assert.True(refused > tried / 2, $"{refused} of {tried} damaged bytes refused");
    }
}
