using BenchmarkDotNet.Attributes;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Dsp;
using EcgBeats.MlNet;
using EcgBeats.Wfdb;
using EcgBeats.Annotators;
using EcgBeats.Models;
using EcgBeats.Protocols;
using EcgBeats.Torch;

namespace EcgBeats.Benchmarks.Records;

/// <summary>
/// Annotating one whole 30-minute record (MIT-BIH 203) with the documented default model for new patients and the
/// default QRS detector (Elgendi 2010 since #23), with and without the rhythm step:
/// <c>ensemble-classwise</c> (gbt; S from ann on the features alone and logreg since the fourth declaration) on the two-lead rhythm + morphology beats, one thread. The members are
/// trained in the setup on three DS1 records with the run's options (trees, leaves and classes as in the full profile),
/// so that the benchmark runs without a run folder; such a model is cheaper than the run's (268 against 636 ms,
/// docs/benchmarks.md), so the number to quote comes from the run's model (below). The baseline is reading and detecting
/// alone; "x real time" is the record's length over the time taken. With <c>ECGBEATS_BENCH_MODEL</c> naming a model
/// folder (e.g. the run's <c>runs/latest/inter/models/ensemble-classwise</c>), that model is measured instead. Run pinned to one core:
/// <c>taskset -c 0 dotnet run -c Release --project bench/EcgBeats.Benchmarks -- --filter '*DefaultModelAnnotation*'</c>.
/// </summary>
[Config(typeof(WholeRecord.Config))]
public class DefaultModelAnnotationBenchmarks
{
    private const string Record = WholeRecord.Name;

    private string _path = null!;
    private IBeatClassifier _classifier = null!;
    private readonly IQrsDetector _detector = QrsDetectors.Default();

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(BenchData.MitDb, Record);
        // ECGBEATS_BENCH_MODEL=runs/latest/inter/models/ensemble-classwise measures the model a run trained on DS1.
        if (Environment.GetEnvironmentVariable("ECGBEATS_BENCH_MODEL") is { Length: > 0 } trained)
        {
            _classifier = new EcgBeats.Models.ModelRegistry(EcgBeats.Torch.TorchModels.Family, ClassicalModels.Family).Open(trained);
            return;
        }
        var ds1 = DatasetBuilder.ExtractAll(BenchData.MitDb, ["118", "207", "209"], InterPatientProtocol.Recipe(1));
        var split = ValidationSplit.ByRecord(ds1, ["118"]);
        var options = new ClassicalOptions { Threads = 1, Seed = 1, ClassWeights = true, ClassWeightCap = 20 };
        IBeatClassifier[] members =
        [
            ClassicalModels.BoostedTrees.Train(split, options),
            EcgBeats.Torch.Training.Networks.Ann.Train(split, new EcgBeats.Torch.Training.TrainerOptions
            {
                Threads = 1, Seed = 1, ClassWeights = true, ClassWeightCap = 20, Epochs = 5,
                Inputs = EcgBeats.Torch.Architectures.NetworkInputs.Features, Augment = true,
            }),
            ClassicalModels.LogisticRegression.Train(split, options),
        ];
        _classifier = new ClassWiseEnsemble(members, Ensembles.DefaultClassWise,
            members[0].Card with { Model = Ensembles.ClassWise.Name, Framework = Ensembles.Framework });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _classifier.Dispose();
    }

    [Benchmark(Baseline = true, Description = "read + detect")]
    public int ReadAndDetect()
    {
        var record = RecordReader.Read(_path);
        return _detector.Detect(record.Physical(0), record.SamplingFrequency).Count;
    }

    [Benchmark(Description = "read + detect + cut + classify")]
    public int AnnotateWithoutRhythm()
    {
        var record = RecordReader.Read(_path);
        return new RecordAnnotator(_classifier, _detector) { RhythmDetector = null }.Annotate(record, Record).Beats.Count;
    }

    /// <summary>The third declaration's rhythm step: AF from beat times alone, then the gate.</summary>
    [Benchmark(Description = "read + detect + cut + classify + rhythm (beat times)")]
    public int AnnotateWithBeatTimesRhythm()
    {
        var record = RecordReader.Read(_path);
        return new RecordAnnotator(_classifier, _detector) { RhythmDetector = new() { PWaveThreshold = null } }.Annotate(record, Record).Beats.Count;
    }

    /// <summary>What <c>annotate</c> does by default: the same, then AF detection from beat times and P waves, and the rhythm gate.</summary>
    [Benchmark(Description = "read + detect + cut + classify + rhythm (P waves)")]
    public int Annotate()
    {
        var record = RecordReader.Read(_path);
        return new RecordAnnotator(_classifier, _detector).Annotate(record, Record).Beats.Count;
    }

    /// <summary>
    /// The same, with the record as another database might store it: leads unnamed (ECG1, ECG2) and V1 first, so the
    /// MLII stand-in is chosen by QRS polarity (<c>LeadResolver</c>), which finds the beats of both leads; the beats cut
    /// and their calls are those of <see cref="Annotate"/>.
    /// </summary>
    [Benchmark(Description = "the same, leads unnamed and V1 first")]
    public int AnnotateUnnamedV1First()
    {
        var record = RecordReader.Read(_path);
        var h = record.Header;
        var stored = new WfdbRecord(h with { Signals = [h.Signals[1] with { Description = "ECG1" }, h.Signals[0] with { Description = "ECG2" }] }, 0,
            [record.Adc[1], record.Adc[0]]);
        return new RecordAnnotator(_classifier, _detector).Annotate(stored, Record).Beats.Count;
    }
}
