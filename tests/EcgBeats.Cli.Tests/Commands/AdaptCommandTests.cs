using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary><c>adapt</c> on the fixture records (5 minutes of MIT-BIH 100, 208, 217, 232), with a base model trained on them.</summary>
public sealed class AdaptCommandTests
{
    private static readonly Lazy<string> Base = new(() => FixtureDataset.AnnModel);

    private static string Fixtures => TestData.Fixture("mitdb");

    [Fact]
    public void APatientModelLearnsTheLabelledSpanAndAnnotateUsesIt()
    {
        using var temp = TestData.TempFolder();
        string patient = temp.File("p208");
        var adapt = CliRunner.Run("adapt", "208", "--labels", "atr", "--until", "2:30", "--model", Base.Value, "--out", patient, "--data", Fixtures);
        Assert.True(adapt.ExitCode == 0, adapt.Error);

        // The labelled beats are the reference's beats of 208 in its first 150 s (PhysioNet's annotations, counted here
        // from the file), less any the detector missed: at most as many per class, and nearly all.
        var reference = AnnotationReader.ReadFile(Path.Combine(Fixtures, "208.atr"))
            .Where(a => a.Sample < 150 * 360 && AamiMapping.IsBeat(a.Symbol)).GroupBy(a => AamiMapping.Beats[a.Symbol]).ToDictionary(g => g.Key, g => g.Count());
        var card = ModelCard.Read(patient);
        Assert.Equal(AdaptedClassifier.ModelName, card.Model);
        Assert.Equal("208 (atr) 0:00-2:30", card.Hyperparameters["labelled"]);
        var counts = card.Hyperparameters["labelledBeats"].Split(", ").ToDictionary(p => Enum.Parse<AamiClass>(p.Split(' ')[0]), p => int.Parse(p.Split(' ')[1]));
        foreach (var (c, n) in reference)
            Assert.InRange(counts[c], (int)(0.95 * n), n);
        Assert.Equal("N V F", card.Hyperparameters["modelledClasses"]); // 208's first minutes hold N, V and F beats, and no S
        Assert.Equal(Path.GetRelativePath(patient, Base.Value), card.Files["base"]);

        var annotate = CliRunner.Run("annotate", "208", "--model", patient, "--data", Fixtures, "--out", temp.File("ann"));
        Assert.True(annotate.ExitCode == 0, annotate.Error);
        Assert.Contains(AnnotationReader.ReadFile(temp.File("ann/208.ecgbeats")), a => a.Symbol == "V");
        Assert.DoesNotContain("is a patient model made from record", annotate.Error);

        // Another patient's record is annotated, with one warning that the model was made for 208.
        var other = CliRunner.Run("annotate", "100", "217", "--model", patient, "--data", Fixtures, "--out", temp.File("ann"));
        Assert.True(other.ExitCode == 0, other.Error);
        Assert.Contains("is a patient model made from record 208; 2 of these records (100, 217) are not that record", other.Error);
    }

    [Fact]
    public void NothingToLearnFromAndAnOutFolderThatHoldsTheBaseAreRefused()
    {
        using var temp = TestData.TempFolder();
        // 100's first 5 s hold only N beats: one class alone teaches nothing.
        var oneClass = CliRunner.Run("adapt", "100", "--labels", "atr", "--until", "5", "--model", Base.Value, "--out", temp.File("p100"), "--data", Fixtures);
        Assert.Equal((int)ExitCode.BadInput, oneClass.ExitCode);
        Assert.Contains("fewer than two classes", oneClass.Error);
        Assert.False(Directory.Exists(temp.File("p100")));

        var overBase = CliRunner.Run("adapt", "208", "--labels", "atr", "--model", Base.Value, "--out", Base.Value, "--data", Fixtures);
        Assert.Equal((int)ExitCode.BadInput, overBase.ExitCode);
        Assert.Contains("holds the base model", overBase.Error);

        var backwards = CliRunner.Run("adapt", "208", "--labels", "atr", "--from", "2:00", "--until", "1:00", "--model", Base.Value, "--out", temp.File("x"), "--data", Fixtures);
        Assert.Equal((int)ExitCode.BadInput, backwards.ExitCode);
        Assert.Contains("must come after --from", backwards.Error);
    }

    [Fact]
    public void ADamagedDiscriminantsFileIsNamedWhenTheModelIsOpened()
    {
        using var temp = TestData.TempFolder();
        string patient = temp.File("p208");
        Assert.Equal(0, CliRunner.Run("adapt", "208", "--labels", "atr", "--until", "2:30", "--model", Base.Value, "--out", patient, "--data", Fixtures).ExitCode);
        string local = Path.Combine(patient, AdaptedClassifier.LocalFile);
        File.WriteAllText(local, File.ReadAllText(local).Replace("\"bias\": [", "\"bias\": [1e999, "));
        var annotate = CliRunner.Run("annotate", "208", "--model", patient, "--data", Fixtures, "--out", temp.File("ann"));
        Assert.NotEqual(0, annotate.ExitCode);
        Assert.Contains(AdaptedClassifier.LocalFile, annotate.Error);
    }
}
