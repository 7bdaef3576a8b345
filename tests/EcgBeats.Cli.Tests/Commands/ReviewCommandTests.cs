using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary><c>review</c> and <c>adapt --sheet</c> on fixture record 208 (its first 5 minutes), with a base model trained on the fixtures.</summary>
public sealed class ReviewCommandTests
{
    private static readonly Lazy<string> Base = new(() => FixtureDataset.AnnModel);

    private static string Fixtures => TestData.Fixture("mitdb");

    [Fact]
    public void AReviewedSheetFilledFromTheReferenceMakesAPatientModel()
    {
        using var temp = TestData.TempFolder();
        string review = temp.File("review");
        var run = CliRunner.Run("review", "208", "--beats", "12", "--model", Base.Value, "--out", review, "--data", Fixtures);
        Assert.True(run.ExitCode == 0, run.Error);

        // Twelve rows, each a beat the detector found near a reference beat of 208 (PhysioNet's annotations, within 150 ms),
        // its time the sample over 360 Hz; a picture of each; a clusters file with one row per found beat.
        string[] rows = File.ReadAllLines(Path.Combine(review, LabellingSheet.FileName));
        Assert.Equal(string.Join(",", LabellingSheet.Columns), rows[0]);
        Assert.Equal(13, rows.Length);
        var reference = AnnotationReader.ReadFile(Path.Combine(Fixtures, "208.atr")).Where(a => AamiMapping.IsBeat(a.Symbol)).ToList();
        var filled = new List<string> { rows[0] };
        foreach (string row in rows.Skip(1))
        {
            string[] f = row.Split(',');
            Assert.Equal("208", f[0]);
            long sample = long.Parse(f[1]);
            Assert.Equal(LabellingSheet.Time(sample / 360.0), f[2]);
            Assert.Contains(f[7], new[] { "typical", "unsure" });
            Assert.Equal("", f[8]);
            Assert.Single(Directory.GetFiles(Path.Combine(review, "figures"), $"beat-*-{sample}.png"));
            var nearest = reference.MinBy(a => Math.Abs(a.Sample - sample))!;
            Assert.InRange(Math.Abs(nearest.Sample - sample), 0, 54);
            f[8] = nearest.Symbol; // the simulated analyst: the reference's label, as a WFDB symbol
            filled.Add(string.Join(",", f));
        }
        string[] clusters = File.ReadAllLines(Path.Combine(review, LabellingSheet.ClustersFileName));
        Assert.InRange(clusters.Length - 1, (int)(0.95 * reference.Count), reference.Count + 20);
        Assert.True(File.Exists(Path.Combine(review, "review.html")));
        Assert.Contains("figures/beat-01-", File.ReadAllText(Path.Combine(review, "review.md")));

        string sheet = Path.Combine(review, "filled.csv");
        File.WriteAllLines(sheet, filled);
        string patient = temp.File("p208");
        var adapt = CliRunner.Run("adapt", "208", "--sheet", sheet, "--model", Base.Value, "--out", patient, "--data", Fixtures);
        Assert.True(adapt.ExitCode == 0, adapt.Error); // 208's first minutes are two-fifths V: the twelve beats hold N and V
        var card = ModelCard.Read(patient);
        Assert.Contains("12 confirmed beats", card.Hyperparameters["labelled"]);
        var labelled = card.Hyperparameters["labelledBeats"].Split(", ").ToDictionary(p => Enum.Parse<AamiClass>(p.Split(' ')[0]), p => int.Parse(p.Split(' ')[1]));
        // Every confirmed class is among the labelled beats, at least as often as it was confirmed.
        foreach (var g in filled.Skip(1).Select(r => AamiMapping.Beats[r.Split(',')[8]]).GroupBy(c => c))
            Assert.True(labelled[g.Key] >= g.Count(), $"{g.Key}: {labelled[g.Key]} < {g.Count()}");
        Assert.Equal(0, CliRunner.Run("annotate", "208", "--model", patient, "--data", Fixtures, "--out", temp.File("ann")).ExitCode);

        // #25: the analyst's labels are never replaced. Filled in place, the sheet refuses a second review into the folder.
        string inPlace = Path.Combine(review, LabellingSheet.FileName);
        File.WriteAllLines(inPlace, filled);
        var again = CliRunner.Run("review", "208", "--beats", "12", "--model", Base.Value, "--out", review, "--data", Fixtures);
        Assert.Equal((int)ExitCode.BadInput, again.ExitCode);
        Assert.Contains("holds 12 label(s) an analyst filled in", again.Error);
        Assert.Equal(filled, File.ReadAllLines(inPlace));
        Assert.Empty(Directory.GetDirectories(review, ".ecgbeats-staging.*"));
    }

    [Fact]
    public void ASheetOfAnotherRecordOrWithBothLabelSourcesIsRefused()
    {
        using var temp = TestData.TempFolder();
        string sheet = temp.File("sheet.csv");
        File.WriteAllText(sheet, "record,sample,label\n100,370,N\n");
        var other = CliRunner.Run("adapt", "208", "--sheet", sheet, "--model", Base.Value, "--out", temp.File("p"), "--data", Fixtures);
        Assert.Equal((int)ExitCode.BadInput, other.ExitCode);
        Assert.Contains("line 2: the row is about record 100, not 208", other.Error);

        File.WriteAllText(sheet, "record,sample,label\n208,5,N\n");
        var noBeat = CliRunner.Run("adapt", "208", "--sheet", sheet, "--model", Base.Value, "--out", temp.File("p"), "--data", Fixtures);
        Assert.Equal((int)ExitCode.BadInput, noBeat.ExitCode);
        Assert.Contains("line 2: no beat was found at sample 5", noBeat.Error);
        Assert.False(Directory.Exists(temp.File("p")));

        var both = CliRunner.Run("adapt", "208", "--sheet", sheet, "--labels", "atr", "--model", Base.Value, "--out", temp.File("p"), "--data", Fixtures);
        Assert.Equal((int)ExitCode.BadInput, both.ExitCode);
        Assert.Contains("one of them", both.Error);
        Assert.Equal((int)ExitCode.BadInput, CliRunner.Run("review", "208", "--beats", "0", "--model", Base.Value, "--out", temp.File("r"), "--data", Fixtures).ExitCode);
    }
}
