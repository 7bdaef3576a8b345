using EcgBeats.Adaptation;
using EcgBeats.Annotators;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.TestSupport;
using EcgBeats.Torch;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Tests;

/// <summary>The README's "Adapting to a patient from C#" example, line for line, on fixture record 100 (its first 5 minutes).</summary>
public sealed class ReadmeAdaptationExampleTests
{
    [Fact]
    public void TheReadmeExampleAdaptsFixtureRecord100FromItsFirstFiveMinutes()
    {
        using var temp = TestData.TempFolder();
        string baseFolder = FixtureDataset.AnnModel, patientFolder = temp.File("patients/100");
        string recordPath = TestData.FixtureRecord("100");
        var lines = new List<string>();

        // --- README ---
        var models = new ModelRegistry(TorchModels.Family, ClassicalModels.Family, AdaptationFamily.Instance);
        var record = RecordReader.Read(recordPath);                                // MIT-BIH 100's first 5 minutes
        var labels = AnnotationReader.ReadFile(recordPath + ".atr");               // the reference; or an analyst's file
        var adapted = RecordAdaptation.FromAnnotations(models.Open(baseFolder), baseFolder, record, "100", labels, "atr", untilSeconds: 5 * 60);
        using var patient = adapted.Model;                                         // the patient model; it owns the base model
        lines.Add(adapted.Summary);                                                // labelled beats per class, classes learnt
        lines.AddRange(adapted.Notes);                                             // every fallback, e.g. a class with too few beats
        patient.Save(patientFolder);                                               // 'ecgbeats annotate 100 --model DIR' opens it
        var annotated = new RecordAnnotator(patient).Annotate(record, "100");
        // --- end ---

        // PhysioNet's annotations of 100's first 5 minutes: 367 N beats and 4 A (S) beats (counted from the file); the
        // detector may miss a beat. 4 S beats are fewer than S needs, so only N is left: nothing to learn, stated.
        var counts = adapted.Labelled.ClassCounts();
        Assert.InRange(counts[0], 360, 367);
        Assert.Equal([4, 0, 0, 0], counts[1..]);
        Assert.Contains("classes learnt from them: none", lines[0]);
        Assert.Contains(lines, l => l.Contains("S has 4 labelled beat(s), fewer than the 20 it needs"));
        Assert.Contains(lines, l => l.Contains("the patient model classifies as its base model does"));
        Assert.Null(patient.Local);
        Assert.InRange(annotated.Beats.Count, 365, 375);
        using var reopened = models.Open(patientFolder);
        Assert.Equal(AdaptedClassifier.ModelName, reopened.Name);
    }
}
