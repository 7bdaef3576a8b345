using System.Globalization;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Dsp;

/// <summary>SciPy 1.10.1's outputs for 10 s of record 100 (tests/Fixtures/reference/SCIPY-README.md).</summary>
internal static class SciPyReference
{
    public static double[] Column(string file) =>
        File.ReadAllLines(TestData.Fixture("reference", file)).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    public static double[][] Coefficients(string file) =>
        File.ReadAllLines(TestData.Fixture("reference", file))
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    public static double[] Input => Column("record100_ch0_0-3599_mv.csv");

    public static double MaxAbsDifference(double[] a, double[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
    }
}
