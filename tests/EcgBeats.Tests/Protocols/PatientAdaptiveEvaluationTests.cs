using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Models;
using EcgBeats.Protocols;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Protocols;

/// <summary>
/// <see cref="PatientAdaptiveEvaluation"/> on fixture records 208 and 217 (5 minutes of MIT-BIH each), with a base model
/// that calls every beat N, the first 150 s labelled, scored from 150 s: the counts come from PhysioNet's annotation files.
/// </summary>
public sealed class PatientAdaptiveEvaluationTests
{
    /// <summary>Every beat N (0.9), the rest spread: a base model that knows nothing of V.</summary>
    private sealed class AllN : IBeatClassifier
    {
        public string Name => "all-n";
        public ModelCard Card { get; } = new()
        {
            Model = "all-n", Framework = "test", Hyperparameters = new Dictionary<string, string>(), Representation = InterPatientProtocol.Representation().Recipe,
        };
        public void Dispose() { }
        public ClassProbabilities Predict(UnlabelledBeats beats) =>
            new([.. Enumerable.Range(0, beats.Count).SelectMany(_ => new[] { 0.9f, 0.04f, 0.03f, 0.02f, 0.01f })], 5);
    }

    /// <summary>k groups of equal size by the first value: deterministic, no library.</summary>
    private sealed class ByFirstValue : IBeatClusterer
    {
        public BeatClusters Cluster(float[] points, int width, int k, int seed)
        {
            int n = points.Length / width;
            var order = Enumerable.Range(0, n).OrderBy(i => points[i * width]).ToArray();
            int[] assignments = new int[n];
            for (int r = 0; r < n; r++) assignments[order[r]] = Math.Min(k - 1, r * k / n);
            return new BeatClusters(assignments, [.. Enumerable.Range(0, k).Select(_ => new float[width])]);
        }
    }

    [Fact]
    public void EachRecordIsAdaptedOnItsOwnLabelsAndScoredFromTheEndOfTheSpan()
    {
        string[] names = ["208", "217"];
        var records = Ec57Evaluation.Prepare(TestData.Fixture("mitdb"), names, InterPatientProtocol.Representation(), EcgBeats.Dsp.QrsDetectors.Default());
        var rows = PatientAdaptiveEvaluation.Run(records, new AllN(), new ByFirstValue(), [2, 6], labelledSeconds: 150);

        Assert.Equal([AdaptiveLabels.None, AdaptiveLabels.FirstMinutes, AdaptiveLabels.ConfirmedBeats, AdaptiveLabels.ConfirmedBeats], rows.Select(r => r.Labels));
        Assert.Equal([0, 0, 2, 6], rows.Select(r => r.BeatsAsked));

        // The reference's V beats from 150 s on, counted from PhysioNet's files: every one is a VEB the comparison counts.
        var reference = names.ToDictionary(n => n, n => AnnotationReader.ReadFile(TestData.FixtureRecord(n) + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).ToList());
        int vAfter = reference.Values.Sum(r => r.Count(a => a.Sample >= 150 * 360 && AamiMapping.Beats[a.Symbol] == AamiClass.V));
        int labelledBefore = reference.Values.Sum(r => r.Count(a => a.Sample < 150 * 360));
        foreach (var row in rows)
        {
            var g = row.Score.GrossMatrix;
            Assert.Equal(vAfter, g[2].Sum());                         // each is matched or missed (column o)
            Assert.True(g[2].Take(5).Sum() >= 0.9 * vAfter, $"{g[2].Take(5).Sum()} of {vAfter} V beats found");
            Assert.Equal(150, row.Score.Options.StartSeconds);
        }

        // Unadapted, nothing is called V: VEB sensitivity 0.
        Assert.Equal(0, rows[0].Score.Gross.VebSensitivity);
        Assert.Equal(0, rows[0].Adapted);

        // The first 150 s: nearly every reference beat there labelled (the detector finds over 97% of them); both records
        // hold N and V beats there, so both are adapted, and their own V beats are now found.
        Assert.InRange(rows[1].Labelled, (int)(0.97 * labelledBefore), labelledBefore);
        Assert.Equal(2, rows[1].Adapted);
        Assert.True(rows[1].Score.Gross.VebSensitivity > 50, $"VEB Se {rows[1].Score.Gross.VebSensitivity}");

        // Confirmed beats: at most the beats asked about per record are labelled by the analyst; the rest spread.
        Assert.InRange(rows[2].Labelled, 1, 2 * names.Length);
        Assert.InRange(rows[3].Labelled, 1, 6 * names.Length);
        Assert.True(rows[3].Spread > 0);
    }
}
