using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Datasets;

/// <summary>The one validation split every trainer and ensemble is given.</summary>
public sealed class ValidationSplitTests
{
    [Fact]
    public void ByBeatHoldsOutTheIntraPatientSplitsBeats()
    {
        var (train, _) = TestData.FixtureBeats;
        var split = ValidationSplit.ByBeat(train, 0.1, 42);
        var (expectedTrain, expectedValidation) = IntraPatientSplit.Split(train.Labels, 0.1, 42);
        Assert.Equal(expectedTrain, split.TrainIndices);
        Assert.Equal(expectedValidation, split.ValidationIndices);
        Assert.Equal(train.Count, split.Training.Count + split.Validation.Count);
        Assert.Equal(expectedValidation.Select(i => train.Labels[i]), split.Validation.Labels);
    }

    [Fact]
    public void ByRecordNeverPutsARecordOnBothSides()
    {
        var (train, test) = TestData.FixtureBeats;
        var all = LabelledBeats.Concat([train, test], train.ValuesPerBeat, train.Recipe);
        var split = ValidationSplit.ByRecord(all, ["208", "232"]);

        var trainRecords = split.Training.Origins!.Select(o => o.Record).ToHashSet();
        var validationRecords = split.Validation.Origins!.Select(o => o.Record).ToHashSet();
        Assert.Equal(["100", "217"], trainRecords.Order());
        Assert.Equal(["208", "232"], validationRecords.Order());
        Assert.Equal(all.Count, split.Training.Count + split.Validation.Count);
        Assert.Throws<ArgumentException>(() => ValidationSplit.ByRecord(all, ["999"]));
    }

    [Fact]
    public void TheFingerprintNamesTheDataAndTheBeatsHeldOut()
    {
        var (train, _) = TestData.FixtureBeats;
        string a = ValidationSplit.ByBeat(train, 0.1, 42).Fingerprint;
        Assert.Equal(a, ValidationSplit.ByBeat(train, 0.1, 42).Fingerprint);
        Assert.NotEqual(a, ValidationSplit.ByBeat(train, 0.1, 43).Fingerprint);
        Assert.NotEqual(a, ValidationSplit.ByBeat(train, 0.2, 42).Fingerprint);
        var changed = new LabelledBeats(new UnlabelledBeats(train.ValuesPerBeat, train.Values.Select((v, i) => i == 0 ? v + 1 : v).ToArray(), train.Recipe), train.Labels);
        Assert.NotEqual(a, ValidationSplit.ByBeat(changed, 0.1, 42).Fingerprint);
    }
}
