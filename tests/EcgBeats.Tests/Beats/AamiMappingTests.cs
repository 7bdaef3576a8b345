using EcgBeats.Beats;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Beats;

public sealed class AamiMappingTests
{
    [Theory]
    [InlineData("N", AamiClass.N)] [InlineData("L", AamiClass.N)] [InlineData("R", AamiClass.N)]
    [InlineData("e", AamiClass.N)] [InlineData("j", AamiClass.N)]
    [InlineData("A", AamiClass.S)] [InlineData("a", AamiClass.S)] [InlineData("J", AamiClass.S)] [InlineData("S", AamiClass.S)]
    [InlineData("V", AamiClass.V)] [InlineData("E", AamiClass.V)]
    [InlineData("F", AamiClass.F)]
    [InlineData("/", AamiClass.Q)] [InlineData("f", AamiClass.Q)] [InlineData("Q", AamiClass.Q)]
    public void BeatSymbolsMapAsAamiEc57Prescribes(string symbol, AamiClass expected)
    {
        Assert.True(AamiMapping.TryMap(symbol, out var actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("+")] [InlineData("~")] [InlineData("|")] [InlineData("x")] [InlineData("!")]
    [InlineData("[")] [InlineData("]")] [InlineData("\"")] [InlineData("p")] [InlineData("t")]
    public void NonBeatAnnotationsAreNotBeats(string symbol)
    {
        Assert.False(AamiMapping.IsBeat(symbol));
        Assert.False(AamiMapping.TryMap(symbol, out _));
    }

    [Fact]
    public void KaggleLabelsAreTheEnumValues()
    {
        Assert.Equal([0, 1, 2, 3, 4], AamiMapping.Classes.Select(c => (int)c));
        Assert.Equal(15, AamiMapping.Beats.Count);
    }

    [Fact]
    public void ClassTotalsOverTheDatabase()
    {
        // From PhysioNet's table: N = N+L+R+e+j, S = A+a+J+S, V = V+E, F, Q = /+f+Q.
        string dir = TestData.RequireMitDb();
        var totals = TestData.MitBihRecords
            .SelectMany(r => AnnotationReader.ReadFile(Path.Combine(dir, r + ".atr")))
            .Where(a => AamiMapping.IsBeat(a.Symbol))
            .GroupBy(a => AamiMapping.Beats[a.Symbol])
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(75052 + 8075 + 7259 + 16 + 229, totals[AamiClass.N]);
        Assert.Equal(2546 + 150 + 83 + 2, totals[AamiClass.S]);
        Assert.Equal(7130 + 106, totals[AamiClass.V]);
        Assert.Equal(803, totals[AamiClass.F]);
        Assert.Equal(7028 + 982 + 33, totals[AamiClass.Q]);
    }
}
