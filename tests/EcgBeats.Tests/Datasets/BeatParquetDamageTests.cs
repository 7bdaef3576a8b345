using System.Buffers.Binary;
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
}
