using System.Globalization;
using EcgBeats.Datasets;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Datasets;

public sealed class KaggleCsvTests
{
    private static string Head(string split) => TestData.Fixture("kaggle", $"mitbih_{split}_head.csv");

    [Theory]
    [InlineData("train")]
    [InlineData("test")]
    public void ReadsTheRealKaggleRows(string split)
    {
        var beats = KaggleCsv.Read(Head(split));
        Assert.Equal(10, beats.Count);
        Assert.Equal(187, beats.ValuesPerBeat);
        string[] first = File.ReadLines(Head(split)).First().Split(',');
        for (int k = 0; k < 187; k++)
            Assert.Equal((float)double.Parse(first[k], CultureInfo.InvariantCulture), beats.Beat(0)[k]);
        Assert.All(beats.Labels, l => Assert.Equal(0, l));
    }

    [Theory]
    [InlineData("train")]
    [InlineData("test")]
    public void WritingTheRealRowsBackReproducesTheKaggleFileByteForByte(string split)
    {
        using var temp = TestData.TempFolder();
        KaggleCsv.Write(temp.File("copy.csv"), KaggleCsv.Read(Head(split)));
        Assert.Equal(File.ReadAllBytes(Head(split)), File.ReadAllBytes(temp.File("copy.csv")));
    }

    [Fact]
    public void NumbersAreFormattedExactlyAsPrintfDoes()
    {
        // The runtime's "E18" is correctly rounded too: compare with it over many float32 values.
        var random = new Random(7);
        Span<byte> buffer = stackalloc byte[64];
        for (int i = 0; i < 200_000; i++)
        {
            float value = i switch
            {
                < 1000 => i / 999f,
                < 2000 => (float)Math.Pow(10, random.Next(-12, 6)) * (float)random.NextDouble(),
                _ => (float)random.NextDouble(),
            };
            string runtime = ((double)value).ToString("E18", CultureInfo.InvariantCulture);
            int e = runtime.IndexOf('E');
            int exponent = int.Parse(runtime[(e + 1)..], CultureInfo.InvariantCulture);
            string expected = runtime[..e] + (exponent < 0 ? "e-" : "e+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
            int n = KaggleNumberFormat.Format(value, buffer);
            Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(buffer[..n]));
            Assert.True(KaggleNumberFormat.TryParse(buffer[..n], out float back));
            Assert.Equal(value, back);
        }
    }

    [Theory]
    [InlineData("1,2,3\n", "row 1", "3 columns; expected 188")]
    [InlineData("ROW1\nROW2X\n", "row 2", "column 188: label '7.000000000000000000e+00' is not one of 0, 1, 2, 3, 4")]
    [InlineData("ROW1\nROW1\nROWNAN\n", "row 3", "column 5: 'nan' is not a finite number")]
    [InlineData("ROWINF\n", "row 1", "column 5: 'inf' is not a finite number")]
    [InlineData("ROWTEXT\n", "row 1", "column 5: 'abc' is not a finite number")]
    [InlineData("ROWHALF\n", "row 1", "label '1.5' is not one of")]
    [InlineData("ROWLONG\n", "row 1", "more than 188 columns")]
    [InlineData("", "", "the file is empty")]
    public void MalformedFilesNameTheRowAndColumn(string content, string row, string problem)
    {
        string good = File.ReadLines(Head("train")).First();
        string[] fields = good.Split(',');
        string With(int column, string value) { var f = (string[])fields.Clone(); f[column] = value; return string.Join(",", f); }
        content = content
            .Replace("ROW1", good)
            .Replace("ROW2X", With(187, "7.000000000000000000e+00"))
            .Replace("ROWNAN", With(4, "nan"))
            .Replace("ROWINF", With(4, "inf"))
            .Replace("ROWTEXT", With(4, "abc"))
            .Replace("ROWHALF", With(187, "1.5"))
            .Replace("ROWLONG", good + ",0");
        using var temp = TestData.TempFolder();
        File.WriteAllText(temp.File("bad.csv"), content);

        var error = Assert.Throws<KaggleCsvException>(() => KaggleCsv.Read(temp.File("bad.csv")));
        Assert.Contains("bad.csv", error.Message);
        Assert.Contains(row, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void PtbLayoutWithBinaryLabelsIsRead()
    {
        // The PTB files share the 188-column layout with labels 0 (normal) and 1 (abnormal).
        using var temp = TestData.TempFolder();
        string row = File.ReadLines(Head("test")).First();
        File.WriteAllText(temp.File("ptbdb_abnormal.csv"), row[..row.LastIndexOf(',')] + ",1.000000000000000000e+00\n" + row + "\n");
        var beats = KaggleCsv.Read(temp.File("ptbdb_abnormal.csv"));
        Assert.Equal([1, 0], beats.Labels);
    }
}
