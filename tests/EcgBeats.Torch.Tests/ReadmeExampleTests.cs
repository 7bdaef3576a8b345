using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.Representations;
using EcgBeats.TestSupport;
using EcgBeats.Torch;
using EcgBeats.Wfdb;
using EcgBeats.Annotators;
using EcgBeats.Torch.Training;
using EcgBeats.Torch.Runtime;

namespace EcgBeats.Torch.Tests;

/// <summary>The README's "Classify a whole record from C#" example, line for line, on a fixture record.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void TheReadmeExampleAnnotatesARecordAndTheAnnotationsReadBack()
    {
        using var temp = TestData.TempFolder();
        // A saved model folder as 'ecgbeats train' writes it (untrained weights: this checks the path, not accuracy).
        string modelFolder = temp.File("cnn");
        Directory.CreateDirectory(modelFolder);
        using (var network = Networks.Cnn.Create(KaggleMitBihRepresentation.Layout)) network.save(Path.Combine(modelFolder, TorchBeatClassifier.WeightsFile));
        new ModelCard
        {
            Model = "cnn", Framework = "TorchSharp", Hyperparameters = new Dictionary<string, string>(), Representation = new KaggleMitBihRepresentation().Recipe,
        }.Write(modelFolder);
        string recordPath = TestData.FixtureRecord("208"), output = temp.File("208.ecgbeats");

        // --- README ---
        var models = new ModelRegistry(TorchModels.Family, ClassicalModels.Family); // the model kinds this program can open
        var record = RecordReader.Read(recordPath);                               // 208.hea + 208.dat
        using var model = models.Open(modelFolder);                               // any model folder: deep, classical or ensemble
        var annotated = new RecordAnnotator(model).Annotate(record, "208");       // detect, cut as the model's training beats, classify
        foreach (var beat in annotated.Beats.Take(5))
            Console.WriteLine($"{beat.Sample / annotated.SamplingFrequency,8:0.000} s  {beat.Class}  p={beat.Probabilities.Max():0.00}");
        AnnotationWriter.WriteFile(output, annotated.ToAnnotations());         // WFDB annotations: rdann, bxb and ours read them
        // --- end ---

        var all = AnnotationReader.ReadFile(output);
        var readBack = all.Where(a => a.Symbol != "+").ToList(); // the rest are rhythm changes, one per episode
        Assert.Equal(annotated.Rhythms!.Count, all.Count - readBack.Count);
        Assert.Equal(annotated.Beats.Count, readBack.Count);
        Assert.InRange(readBack.Count, 510, 530); // 520 reference beats in the fixture's 5 minutes
        Assert.All(readBack, a => Assert.True(AamiMapping.IsBeat(a.Symbol)));
    }
}
