using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Representations;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Representations;

/// <summary>
/// Which signal stands in for a missing lead: an ECG, never a blood pressure or an EEG while an ECG is free; for MLII, the
/// ECG whose QRS complexes point up when the first one's point down (records of other databases name their leads ECG1,
/// ECG2, and the first may be a V1).
/// </summary>
public sealed class LeadResolverTests
{
    private static readonly IReadOnlyList<LeadRequest> MliiAndV1 = BeatRepresentations.Create("rhythm-morphology-2lead").Recipe.Layout.Leads;

    private static long[] ReferenceBeats(string path) =>
        AnnotationReader.ReadFile(path + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();

    /// <summary>The record with its two signals stored the other way round, each keeping its name.</summary>
    private static WfdbRecord Swapped(WfdbRecord record) =>
        new(record.Header with { Signals = [record.Header.Signals[1], record.Header.Signals[0]] }, 0, [record.Adc[1], record.Adc[0]]);

    [Fact]
    public void AnUnnamedV1StoredFirstDoesNotStandInForMlii()
    {
        // x208: MIT-BIH 208 (MLII, then V1, as its own header names them) made by xform at 128 Hz, its leads renamed ECG1
        // and ECG2 (tests/Fixtures/other-rates). Stored the other way round, the first unnamed signal is the V1.
        var record = RecordReader.Read(TestData.Fixture("other-rates", "x208"));
        var swapped = Swapped(record);

        var straight = LeadResolver.Resolve(MliiAndV1, record, "x208");
        Assert.Equal([0, 1], straight.Signals);   // the first points up: named order stands
        Assert.Equal(["x208: no lead MLII; signal 0 (ECG1) stands in for it", "x208: no lead V1; signal 1 (ECG2) stands in for it"], straight.Notes);

        var resolved = LeadResolver.Resolve(MliiAndV1, swapped, "x208");
        Assert.Equal([1, 0], resolved.Signals);   // the MLII (now signal 1) for MLII, the V1 for V1
        Assert.StartsWith("x208: no lead MLII; signal 1 (ECG1) stands in for it: its QRS complexes point up (polarity 0.", resolved.Notes[0]);
        Assert.Contains("signal 0's down (0.", resolved.Notes[0]);
        Assert.Equal("x208: no lead V1; signal 0 (ECG2) stands in for it", resolved.Notes[1]);

        // From the header alone nothing tells them apart: the first free signal.
        Assert.Equal([0, 1], LeadResolver.Resolve(MliiAndV1, swapped.Header, "x208").Signals);
        // The declared cut reads the same samples for each lead either way round.
        long[] beats = ReferenceBeats(TestData.Fixture("other-rates", "x208"));
        var representation = BeatRepresentations.Create("rhythm-morphology-2lead");
        Assert.Equal(representation.Cut(record, "x208", beats, BeatCutMode.Dataset).Values, representation.Cut(swapped, "x208", beats, BeatCutMode.Dataset).Values);
    }

    [Fact]
    public void ANamedMliiIsTakenWhateverItsPolarity()
    {
        // Record 100 stored V5 first: MLII is found by name, and nothing is measured.
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        var resolved = LeadResolver.Resolve(MliiAndV1, Swapped(record), "100");
        Assert.Equal([1, 0], resolved.Signals);
        Assert.Equal(["100: no lead V1; signal 0 (V5) stands in for it"], resolved.Notes);
    }

    [Fact]
    public void ABloodPressureOrAnEegNeverStandsInWhileAnEcgIsFree()
    {
        var header = RecordReader.ReadHeader(TestData.FixtureRecord("100"));   // MLII, V5
        var abp = header with { Signals = [header.Signals[0] with { Description = "ABP", Units = "mmHg" }, header.Signals[1] with { Description = "ECG" }] };
        var resolved = LeadResolver.Resolve([LeadRequest.Named("MLII", otherwiseFirstFree: true)], abp, "rec");
        Assert.Equal([1], resolved.Signals);
        Assert.Equal("rec: no lead MLII; signal 1 (ECG) stands in for it (signal 0 (ABP) is not an ECG by its units or name)", Assert.Single(resolved.Notes));

        // An EEG is in volts too: its name tells it. With no ECG at all, the first free signal, said so.
        var eeg = header with { Signals = [header.Signals[0] with { Description = "EEG C3-A2", Units = "uV" }, header.Signals[1] with { Description = "Resp", Units = "" }] };
        Assert.False(LeadResolver.IsEcg(eeg.Signals[0]));
        Assert.False(LeadResolver.IsEcg(eeg.Signals[1]));   // no units is mV, but the name says respiration
        var none = LeadResolver.Resolve([LeadRequest.Named("MLII", otherwiseFirstFree: true)], eeg, "rec");
        Assert.Equal([0], none.Signals);
        Assert.Equal("rec: no lead MLII; signal 0 (EEG C3-A2) stands in for it (no free signal is an ECG by its units and name)", Assert.Single(none.Notes));

        // Units alone tell a pressure whatever its name; WFDB's default units are mV: an unnamed, unit-less signal is an ECG.
        Assert.False(LeadResolver.IsEcg(header.Signals[0] with { Description = "P1", Units = "mmHg" }));
        Assert.True(LeadResolver.IsEcg(header.Signals[0] with { Description = "", Units = "" }));
        // The Kaggle cut's "first signal, whatever it is" is not a stand-in: it takes signal 0 even so.
        Assert.Equal([0], LeadResolver.Resolve([LeadRequest.FirstSignal], abp, "rec").Signals);
    }

    [Fact]
    public void QrsPolarityTellsAnUprightLeadFromAnInvertedOne()
    {
        // The fixtures' leads as MIT-BIH's headers name them: MLII's QRS points up (an R wave), 208's V1 down.
        foreach (string name in new[] { "100", "208" })
        {
            var record = RecordReader.Read(TestData.FixtureRecord(name));
            long[] beats = ReferenceBeats(TestData.FixtureRecord(name));
            double mlii = QrsPolarity.Of(record.Physical(0), beats, 360);
            Assert.True(mlii >= QrsPolarity.Upright, $"{name} MLII: {mlii}");
            // Turned over, every beat's share of up is its share of down: exactly 1 minus it.
            Assert.Equal(1 - mlii, QrsPolarity.Of(record.Physical(0).Select(v => -v).ToArray(), beats, 360), 12);
            if (name == "208")
            {
                double v1 = QrsPolarity.Of(record.Physical(1), beats, 360);
                Assert.True(v1 < QrsPolarity.Upright, $"208 V1: {v1}");
            }
        }
        // Too few beats to tell: NaN (and then the first ECG stands in, as named order suggests).
        Assert.True(double.IsNaN(QrsPolarity.Of(new double[3600], [100, 500, 900], 360)));
    }

    [Fact]
    public void LimbLeadIIStandsInForMliiAndModifiedV1ForV1ByName()
    {
        var header = RecordReader.ReadHeader(TestData.FixtureRecord("100"));
        WfdbHeader Named(params string[] names) => header with { Signals = names.Select(n => header.Signals[0] with { Description = n }).ToList() };

        // A 12-lead record's first leads: II, not I, stands in for MLII; V1 is found by its name.
        var twelve = LeadResolver.Resolve(MliiAndV1, Named("I", "II", "III", "V1"), "rec");
        Assert.Equal([1, 3], twelve.Signals);
        Assert.Equal("rec: no lead MLII; signal 1 (II) stands in for it: the same lead by another name", Assert.Single(twelve.Notes));

        // European names (D1, D2, D3 for I, II, III), and names with a leading "ECG" or "lead".
        Assert.Equal([1, 0], LeadResolver.Resolve(MliiAndV1, Named("D1", "D2", "D3"), "rec").Signals);
        Assert.Equal([2, 1], LeadResolver.Resolve(MliiAndV1, Named("ECG1", "ECG MV1", "Lead II"), "rec").Signals);
        // No other name of lead II: the first ECG, as before.
        Assert.Equal([0, 1], LeadResolver.Resolve(MliiAndV1, Named("ECG1", "ECG2"), "rec").Signals);
    }
}
