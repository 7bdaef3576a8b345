using BenchmarkDotNet.Attributes;
using EcgBeats.Classification;
using EcgBeats.Dsp;
using EcgBeats.Representations;
using EcgBeats.Torch;
using EcgBeats.Wfdb;
using EcgBeats.Annotators;
using EcgBeats.Torch.Training;
using EcgBeats.Torch.Runtime;

namespace EcgBeats.Benchmarks.Records;

/// <summary>
/// Annotating one whole 30-minute record (MIT-BIH 203: 30 min 6 s, 2,980 beats, the most of any record),
/// on one thread: read the files, detect the beats (Pan–Tompkins), cut them, classify them. The baseline is
/// reading and detecting alone; "x real time" is the record's length over the time taken. The networks'
/// weights are untrained: inference costs the same whatever the weights.
/// </summary>
[Config(typeof(WholeRecord.Config))]
public class RecordAnnotationBenchmarks
{
    private const string Record = WholeRecord.Name;

    [Params("ann", "cnn", "lstm", "transformer")]
    public string Model { get; set; } = "ann";

    private string _path = null!, _folder = null!;
    private TorchBeatClassifier _classifier = null!;
    private readonly PanTompkins1985Detector _detector = new();

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Configure(1);
        _path = Path.Combine(BenchData.MitDb, Record);
        _folder = Directory.CreateTempSubdirectory("ecgbeats-bench-").FullName;
        TorchSharp.torch.manual_seed(1);
        using (var network = Networks.Find(Model)!.Create(KaggleMitBihRepresentation.Layout)) network.save(Path.Combine(_folder, TorchBeatClassifier.WeightsFile));
        new ModelCard
        {
            Model = Model, Framework = TorchModels.Framework, Hyperparameters = new Dictionary<string, string>(), Representation = new KaggleMitBihRepresentation().Recipe,
        }.Write(_folder);
        _classifier = TorchModels.Load(_folder);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _classifier.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "read + detect")]
    public int ReadAndDetect()
    {
        var record = RecordReader.Read(_path);
        return _detector.Detect(record.Physical(0), record.SamplingFrequency).Count;
    }

    [Benchmark(Description = "read + detect + cut + classify")]
    public int Annotate()
    {
        var record = RecordReader.Read(_path);
        return new RecordAnnotator(_classifier, _detector).Annotate(record, Record).Beats.Count;
    }
}
