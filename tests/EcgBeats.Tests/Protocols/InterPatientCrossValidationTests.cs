using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Protocols;
using EcgBeats.Representations;

namespace EcgBeats.Tests.Protocols;

/// <summary>
/// Issue #22: the DS1 record-fold cross-validation is library code, in memory. Checked on beats whose one value names
/// their record, with a model that remembers the records it was given: no beat may be scored by a model that saw its
/// record, each beat is scored once, and validation records are held out of training.
/// </summary>
public sealed class InterPatientCrossValidationTests
{
    private const int Records = 10, BeatsPerRecord = 12;

    /// <summary>Beat value = record index; label: beats 0-1 of each record S, beat 2 V, the rest N.</summary>
    private static LabelledBeats Beats()
    {
        var values = new List<float>();
        var labels = new List<int>();
        var origins = new List<BeatOrigin>();
        for (int r = 0; r < Records; r++)
            for (int b = 0; b < BeatsPerRecord; b++)
            {
                values.Add(r);
                labels.Add(b < 2 ? 1 : b == 2 ? 2 : 0);
                origins.Add(new BeatOrigin($"r{r}", b));
            }
        return new LabelledBeats(new UnlabelledBeats(1, [.. values], null, [.. origins]), [.. labels]);
    }

    /// <summary>Predicts N for beats of even records and S for odd ones (P 0.6, the next class 0.4), but Q for a record it was given (a leak).</summary>
    private sealed class RememberingModel(ValidationSplit split) : IBeatClassifier
    {
        public HashSet<float> Trained { get; } = [.. split.Training.Values];
        public HashSet<float> Validation { get; } = [.. split.Validation.Values];
        public string Name => "remembering";
        public ModelCard Card { get; } = new() { Model = "remembering", Framework = "test", Hyperparameters = new Dictionary<string, string>(), Representation = new KaggleMitBihRepresentation().Recipe };
        public void Dispose() { }
        public ClassProbabilities Predict(UnlabelledBeats beats)
        {
            var p = new float[beats.Count * 5];
            for (int i = 0; i < beats.Count; i++)
            {
                int predicted = Trained.Contains(beats.Values[i]) || Validation.Contains(beats.Values[i]) ? 4 : (int)(beats.Values[i] % 2);   // N for even records, S for odd
                p[i * 5 + predicted] = 0.6f;
                p[i * 5 + (predicted + 1) % 5] = 0.4f;
            }
            return new ClassProbabilities(p, 5);
        }
    }

    [Fact]
    public void EveryBeatIsScoredOnceByAModelThatNeverSawItsRecord()
    {
        var beats = Beats();
        var models = new List<RememberingModel>();
        var result = InterPatientCrossValidation.Run(beats, split => { var m = new RememberingModel(split); models.Add(m); return m; });

        Assert.Equal(InterPatientCrossValidation.Folds, models.Count);
        Assert.Equal(Records * BeatsPerRecord, result.Labels.Length);
        Assert.All(Enumerable.Range(0, Records), r => Assert.Equal(BeatsPerRecord, result.Records.Count(x => x == $"r{r}")));
        Assert.DoesNotContain(4, result.Probabilities.PredictedClasses());
        // Training and validation records never overlap; together with the test fold they are every record.
        Assert.All(models, m => Assert.Empty(m.Trained.Intersect(m.Validation)));
        Assert.All(models, m => Assert.Equal(Records * 3 / 5, m.Trained.Count));
        // Each record is validation in exactly one fold (the fold after the one it is tested in).
        Assert.Equal(Enumerable.Range(0, Records).Select(r => (float)r), models.SelectMany(m => m.Validation).Order());
    }

    /// <summary>Hand-worked: 5 even records (60 beats: 10 S, 5 V, 45 N) predicted N, 5 odd predicted S.</summary>
    [Fact]
    public void ThePooledMatrixAndAClassFactorAreCountedByHand()
    {
        var result = InterPatientCrossValidation.Run(Beats(), split => new RememberingModel(split));
        var m = result.Matrix();
        Assert.Equal(45 + 45, m.Support(0));
        Assert.Equal(45, m[0, 0]);         // N beats of even records
        Assert.Equal(45, m[0, 1]);         // N beats of odd records, called S
        Assert.Equal(10, m[1, 1]);         // S beats of odd records
        Assert.Equal(5, m[2, 1]);          // V beats of odd records, called S
        // Even records: P(N) 0.6, P(S) 0.4; S scaled x2 gives 0.8 > 0.6: every beat is called S.
        var scaled = result.Matrix(1, 2.0);
        Assert.Equal(120, scaled.PredictedCount(1));
        // Beats wrongly called S, by record: each odd record's 10 N and 1 V.
        Assert.Equal([("r1", 10), ("r3", 10), ("r5", 10), ("r7", 10), ("r9", 10)], result.FalseCalls(1));
    }

    [Fact]
    public void BeatsThatDoNotSayTheirRecordAreRefused()
    {
        var beats = new LabelledBeats(1, new float[20], new int[20]);
        Assert.Throws<InvalidInputException>(() => InterPatientCrossValidation.Run(beats, split => new RememberingModel(split)));
    }
}
