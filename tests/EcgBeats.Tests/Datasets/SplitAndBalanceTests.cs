using EcgBeats.Datasets;
using EcgBeats.TestSupport;
using EcgBeats.Beats;

namespace EcgBeats.Tests.Datasets;

public sealed class SplitAndBalanceTests
{
    private static int[] Labels(params int[] countsPerClass) =>
        countsPerClass.SelectMany((n, c) => Enumerable.Repeat(c, n)).ToArray();

    [Fact]
    public void IntraSplitIsStratifiedDisjointCompleteAndSeeded()
    {
        int[] labels = Labels(90589, 2779, 7236, 803, 8039);
        var (train, test) = IntraPatientSplit.Split(labels, 0.2, 42);

        Assert.Equal(labels.Length, train.Length + test.Length);
        Assert.Empty(train.Intersect(test));
        // round(0.2 n), half away from zero, per class.
        var testCounts = test.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.Equal([18118, 556, 1447, 161, 1608], testCounts);

        var again = IntraPatientSplit.Split(labels, 0.2, 42);
        Assert.Equal(test, again.Test);
        var other = IntraPatientSplit.Split(labels, 0.2, 43);
        Assert.NotEqual(test, other.Test);
    }

    [Fact]
    public void DeChazalSetsPartitionTheDatabase()
    {
        Assert.Equal(22, DeChazal2004Split.Ds1.Count);
        Assert.Equal(22, DeChazal2004Split.Ds2.Count);
        var all = DeChazal2004Split.Ds1.Concat(DeChazal2004Split.Ds2).Concat(DeChazal2004Split.Excluded).ToList();
        Assert.Equal(48, all.Distinct().Count());
        Assert.Equal(TestData.MitBihRecords.Order(), all.Order());
    }

    private static LabelledBeats Set(int[] labels)
    {
        var values = new float[labels.Length * 3];
        for (int i = 0; i < labels.Length; i++) values[3 * i] = i; // each beat is identifiable by its first value
        return new LabelledBeats(3, values, labels);
    }

    [Fact]
    public void BalancingGivesEveryClassTheSameSizeDrawingWithReplacementOnlyWhenShort()
    {
        var beats = Set(Labels(500, 20, 0, 100, 7));
        var balanced = Balancer.Balance(beats, 50, seed: 1);

        Assert.Equal([50, 50, 0, 50, 50], balanced.ClassCounts());
        // The majority class is drawn without replacement: 50 distinct beats.
        var majority = Enumerable.Range(0, balanced.Count).Where(i => balanced.Labels[i] == 0).Select(i => balanced.Beat(i)[0]).ToList();
        Assert.Equal(50, majority.Distinct().Count());
        // Every beat keeps its own label.
        Assert.All(Enumerable.Range(0, balanced.Count), i => Assert.Equal(beats.Labels[(int)balanced.Beat(i)[0]], balanced.Labels[i]));
        // A minority class of 7 drawn 50 times must repeat beats.
        Assert.True(Enumerable.Range(0, balanced.Count).Where(i => balanced.Labels[i] == 4).Select(i => balanced.Beat(i)[0]).Distinct().Count() <= 7);

        Assert.Equal(balanced.Values, Balancer.Balance(beats, 50, seed: 1).Values);
        Assert.NotEqual(balanced.Values, Balancer.Balance(beats, 50, seed: 2).Values);
    }

    [Fact]
    public void ClassWeightsAreInverseFrequency()
    {
        // n = 40, 3 classes present: w_c = 40 / (3 n_c).
        var weights = Balancer.ClassWeights(Set(Labels(20, 10, 0, 0, 10)));
        Assert.Equal(40.0 / 60, weights[0], 12);
        Assert.Equal(40.0 / 30, weights[1], 12);
        Assert.Equal(0, weights[2]);
        Assert.Equal(40.0 / 30, weights[4], 12);
    }

    [Fact]
    public void NormalisationIsANoOpOnRealKaggleRowsAndScalesOthers()
    {
        var kaggle = KaggleCsv.Read(TestData.Fixture("kaggle", "mitbih_train_head.csv"));
        Assert.Equal(kaggle.Values, BeatNormalization.MinMaxPerBeat(kaggle).Values);

        var raw = new LabelledBeats(4, [2, 4, 6, 10, 5, 5, 5, 5], [0, 1]);
        var normalised = BeatNormalization.MinMaxPerBeat(raw);
        Assert.Equal([0f, 0.25f, 0.5f, 1f, 0f, 0f, 0f, 0f], normalised.Values);
    }
}
