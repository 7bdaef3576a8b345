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
    public void OneLabelledClassFallsBackToTheBaseModelAndSaysSo()
    {
        using var temp = TestData.TempFolder();
        // 100's first 5 s hold only N beats (its reference annotations): one class alone teaches nothing the base model does
        // not know, so the patient model is the base model, stated on the console and on its card.
        string patient = temp.File("p100");
        var oneClass = CliRunner.Run("adapt", "100", "--labels", "atr", "--until", "5", "--model", Base.Value, "--out", patient, "--data", Fixtures);
        Assert.True(oneClass.ExitCode == 0, oneClass.Error);
        Assert.Contains("fewer than two classes with enough beats", oneClass.Error);
        Assert.Contains("classes learnt from them: none", oneClass.Output);
        var card = ModelCard.Read(patient);
        Assert.Equal(AdaptedClassifier.NothingLearnt, card.Hyperparameters["modelledClasses"]);
        Assert.False(File.Exists(Path.Combine(patient, AdaptedClassifier.LocalFile)));

        // It annotates exactly as the base model does.
        Assert.Equal(0, CliRunner.Run("annotate", "100", "--model", patient, "--data", Fixtures, "--out", temp.File("a")).ExitCode);
        Assert.Equal(0, CliRunner.Run("annotate", "100", "--model", Base.Value, "--data", Fixtures, "--out", temp.File("b")).ExitCode);
        Assert.Equal(File.ReadAllBytes(temp.File("b/100.ecgbeats")), File.ReadAllBytes(temp.File("a/100.ecgbeats")));

        // 100's whole fixture (5 min) holds 4 S beats (A), fewer than the 20 S needs: S is left to the base model, and said to be.
        var fewS = CliRunner.Run("adapt", "100", "--labels", "atr", "--model", Base.Value, "--out", temp.File("p100s"), "--data", Fixtures);
        Assert.True(fewS.ExitCode == 0, fewS.Error);
        Assert.Contains("S has 4 labelled beat(s), fewer than the 20 it needs", fewS.Error);
    }

    [Fact]
    public void LabelsThatAreNotTheRecordsAndAnOutFolderThatHoldsTheBaseAreRefused()
    {
        using var temp = TestData.TempFolder();
        // Another record's labels: 217's reference annotations copied beside 208 as an analyst's file.
        string data = temp.File("data");
        Directory.CreateDirectory(data);
        foreach (string ext in new[] { "hea", "dat", "atr" }) File.Copy(Path.Combine(Fixtures, $"208.{ext}"), Path.Combine(data, $"208.{ext}"));
        File.Copy(Path.Combine(Fixtures, "217.atr"), Path.Combine(data, "208.other"));
        var other = CliRunner.Run("adapt", "208", "--labels", "other", "--model", Base.Value, "--out", temp.File("x"), "--data", data);
        Assert.Equal((int)ExitCode.BadInput, other.ExitCode);
        Assert.Contains("the labels do not match this record", other.Error);
        Assert.False(Directory.Exists(temp.File("x")));

        // Labels past the record's end (the fixture's 5 minutes): 208's beat labels moved 10 minutes on.
        var late = AnnotationReader.ReadFile(Path.Combine(Fixtures, "208.atr")).Select(a => a with { Sample = a.Sample + 600 * 360 }).ToList();
        AnnotationWriter.WriteFile(Path.Combine(data, "208.late"), late);
        var beyond = CliRunner.Run("adapt", "208", "--labels", "late", "--model", Base.Value, "--out", temp.File("x"), "--data", data);
        Assert.Equal((int)ExitCode.BadInput, beyond.ExitCode);
        Assert.Contains("lies beyond the end of record 208", beyond.Error);

        // 0.2-0.5 s: between the fixture's first two beat labels (samples 46 and 209).
        var empty = CliRunner.Run("adapt", "208", "--labels", "atr", "--from", "0.2", "--until", "0.5", "--model", Base.Value, "--out", temp.File("x"), "--data", data);
        Assert.Equal((int)ExitCode.BadInput, empty.ExitCode);
        Assert.Contains("no beat labels in the span", empty.Error);

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
