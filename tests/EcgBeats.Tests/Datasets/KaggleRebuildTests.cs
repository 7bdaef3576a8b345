using EcgBeats.Datasets;
using EcgBeats.TestSupport;
using EcgBeats.Beats;

namespace EcgBeats.Tests.Datasets;

/// <summary>The rebuilt Kaggle dataset against the real Kaggle files: class totals and the 20 real rows.</summary>
public sealed class KaggleRebuildTests
{
    private static readonly Lazy<LabelledBeats> AllBeats = new(() =>
    {
        string dir = TestData.MitDbDirectory!;
        return DatasetBuilder.ExtractAll(dir, TestData.MitBihRecords, DatasetRecipe.Kaggle());
    });

    [Fact]
    public void ClassTotalsEqualTheKaggleFiles()
    {
        TestData.RequireMitDb();
        Assert.Equal([90589, 2779, 7236, 803, 8039], AllBeats.Value.ClassCounts());
    }

    [Theory]
    [InlineData("train")]
    [InlineData("test")]
    public void EveryRealKaggleRowIsFoundInTheRebuiltData(string split)
    {
        TestData.RequireMitDb();
        var real = KaggleCsv.Read(TestData.Fixture("kaggle", $"mitbih_{split}_head.csv"));
        var all = AllBeats.Value;
        for (int r = 0; r < real.Count; r++)
        {
            var row = real.Beat(r);
            double best = double.MaxValue;
            for (int i = 0; i < all.Count && best > 0; i++)
            {
                if (all.Labels[i] != real.Labels[r]) continue;
                var candidate = all.Beat(i);
                double worst = 0;
                for (int k = 0; k < row.Length && worst < best; k++) worst = Math.Max(worst, Math.Abs(candidate[k] - row[k]));
                best = Math.Min(best, worst);
            }
            Assert.True(best < 1e-6, $"real {split} row {r + 1}: closest rebuilt beat differs by {best}");
        }
    }

    [Fact]
    public void InterPatientSplitKeepsPatientsApart()
    {
        string dir = TestData.RequireMitDb();
        var built = DatasetBuilder.Build(dir, DatasetRecipe.Kaggle(SplitKind.Inter));
        Assert.All(built.Train.Origins!, o => Assert.Contains(o.Record, DeChazal2004Split.Ds1));
        Assert.All(built.Test.Origins!, o => Assert.Contains(o.Record, DeChazal2004Split.Ds2));
        // 44 records, last beat of each dropped; no paced record, so Q is nearly absent.
        Assert.Equal(built.Train.Count + built.Test.Count, built.Card.TrainCounts.Total + built.Card.TestCounts.Total);
        Assert.True(built.Card.TrainCounts.Q + built.Card.TestCounts.Q < 50);
        Assert.Equal(22, built.Card.TrainRecords.Count);
    }
}
