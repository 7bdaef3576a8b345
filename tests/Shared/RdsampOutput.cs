using System.Globalization;

namespace EcgBeats.TestSupport;

/// <summary>WFDB <c>rdsamp -c</c> output kept as a fixture: CSV rows without a heading, sample (or time) first.</summary>
public static class RdsampOutput
{
    /// <summary>Each row's fields, as printed.</summary>
    public static string[][] Rows(string path) => File.ReadAllLines(path).Select(l => l.Split(',')).ToArray();

    /// <summary>ADC values per signal (<c>[signal][sample]</c>): every column but the first, as integers.</summary>
    public static int[][] Signals(string path)
    {
        var rows = Rows(path);
        return Enumerable.Range(1, rows[0].Length - 1)
            .Select(c => rows.Select(r => int.Parse(r[c], CultureInfo.InvariantCulture)).ToArray()).ToArray();
    }

    /// <summary>
    /// Asserts that <paramref name="physical"/> (per signal) equals <c>rdsamp -p -P</c>'s printed values to its 8 decimals,
    /// its "-" (invalid) as NaN.
    /// </summary>
    public static void AssertPhysical(string path, Func<int, double[]> physical)
    {
        var rows = Rows(path);
        for (int s = 0; s < rows[0].Length - 1; s++)
        {
            double[] ours = physical(s);
            Assert.Equal(rows.Length, ours.Length);
            for (int i = 0; i < rows.Length; i++)
                if (rows[i][s + 1] == "-") Assert.True(double.IsNaN(ours[i]), $"signal {s} sample {i}: rdsamp says invalid");
                else Assert.InRange(Math.Abs(ours[i] - double.Parse(rows[i][s + 1], CultureInfo.InvariantCulture)), 0, 5e-9 + 1e-12);
        }
    }
}
