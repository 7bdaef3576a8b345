using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Protocols;

namespace EcgBeats.Tests.Protocols;

public sealed class PatientAdaptiveCrossValidationTests
{
    [Fact]
    public void TheLabelledSpanTrainsAndOnlyTheBeatsAfterItAreScored()
    {
        // Record "a" at 360 Hz, labelled span 1 s (360 samples): N at values 0 and 1, V at 10 and 11. After it, a V beat at
        // 10.5 and an N beat at 0.5. The base model calls everything N, so unadapted V Se is 0 of 1; the patient's own
        // discriminants find it. The four labelled beats are not scored.
        long[] samples = [100, 150, 200, 250, 400, 500];
        float[] values = [0, 1, 10, 11, 10.5f, 0.5f];
        int[] labels = [0, 0, 2, 2, 2, 0];
        var origins = samples.Select(s => new BeatOrigin("a", s)).ToArray();
        var ds1 = new LabelledBeats(new UnlabelledBeats(1, values, origins: origins), labels);
        var allN = new ClassProbabilities([.. samples.SelectMany(_ => new[] { 0.9f, 0.02f, 0.04f, 0.02f, 0.02f })], 5);
        var cv = new CrossValidationResult(labels, [.. samples.Select(_ => "a")], samples, allN);

        var results = PatientAdaptiveCrossValidation.Run(cv, ds1, _ => 360, labelledSeconds: 1, [new AdaptationSettings()]);

        Assert.Null(results[0].Settings);
        Assert.Equal(2, results[0].Matrix.Total);
        Assert.Equal(0, results[0].Matrix.Recall(2));
        Assert.Equal(2, results[1].Matrix.Total);
        Assert.Equal(1, results[1].Matrix.Recall(2));
        Assert.Equal(1, results[1].Matrix.Recall(0));
    }

    /// <summary>Puts every beat below the record's mean (standardised value below 0) in cluster 0, the rest in cluster 1 (so the test knows the answer).</summary>
    private sealed class SplitAtFive : IBeatClusterer
    {
        public BeatClusters Cluster(float[] points, int width, int k, int seed) =>
            new([.. points.Select(p => p < 0 ? 0 : 1)], [[-1], [1]]);
    }

    [Fact]
    public void ConfirmedBeatsSpreadToTheirClustersAndOnlyTheBeatsAfterMinuteFiveAreScored()
    {
        // Record "a" at 1 Hz so that minute 5 is sample 300. N beats at values 0-2, V beats at 10-12 (standardised: N
        // below 0, V above): two clusters. The base model calls every beat N. Two confirmed beats (one typical beat of
        // each cluster) with their labels spread to their clusters teach the local model N and V; without spreading, one
        // beat per class still does. Scored: the four beats from sample 300 on.
        long[] samples = [10, 20, 30, 40, 300, 310, 320, 330];
        float[] values = [0, 10, 1, 11, 2, 12, 0.5f, 10.5f];
        int[] labels = [0, 2, 0, 2, 0, 2, 0, 2];
        var origins = samples.Select(s => new BeatOrigin("a", s)).ToArray();
        var ds1 = new LabelledBeats(new UnlabelledBeats(1, values, origins: origins), labels);
        var allN = new ClassProbabilities([.. samples.SelectMany(_ => new[] { 0.9f, 0.02f, 0.04f, 0.02f, 0.02f })], 5);
        var cv = new CrossValidationResult(labels, [.. samples.Select(_ => "a")], samples, allN);

        var results = PatientAdaptiveCrossValidation.RunConfirmed(cv, ds1, _ => 1,
            [new ReviewSettings(Beats: 2, TypicalShare: 1, SpreadToClusters: true), new ReviewSettings(Beats: 2, TypicalShare: 1, SpreadToClusters: false)],
            new AdaptationSettings(), new SplitAtFive());

        Assert.Null(results[0].Settings);
        Assert.Equal(4, results[0].Matrix.Total);
        Assert.Equal(0, results[0].Matrix.Recall(2));
        Assert.Equal(6, results[1].Spread); // the 8 beats less the 2 confirmed
        Assert.Equal(1, results[1].Matrix.Recall(2));
        Assert.Equal(1, results[1].Matrix.Recall(0));
        Assert.Equal(0, results[2].Spread);
        Assert.Equal(1, results[2].Matrix.Recall(2));
        Assert.NotNull(results[1].Review);
    }
}
