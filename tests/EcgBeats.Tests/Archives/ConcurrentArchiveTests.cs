using EcgBeats.Annotators;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Representations;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Archives;

/// <summary>
/// #25: two annotate runs writing one folder at once (two models, one extension): the last commit of a record's files
/// wins, and the summary each run writes must say which of its records are no longer its own.
/// </summary>
public sealed class ConcurrentArchiveTests
{
    /// <summary>Every beat N with certainty: enough to annotate, and the same for either "model".</summary>
    private sealed class AllN : IBeatClassifier
    {
        public string Name => "all-n";
        public ModelCard Card { get; } = new()
        {
            Model = "all-n", Framework = "test", Hyperparameters = new Dictionary<string, string>(),
            Representation = new KaggleMitBihRepresentation().Recipe,
        };
        public void Dispose() { }
        public ClassProbabilities Predict(UnlabelledBeats beats)
        {
            var values = new float[beats.Count * 5];
            for (int i = 0; i < beats.Count; i++) values[i * 5] = 1;
            return new ClassProbabilities(values, 5);
        }
    }

    [Fact]
    public void ARecordAnotherRunReplacedIsListedAsReplacedNotAsThisRunsWork()
    {
        using var temp = TestData.TempFolder();
        string[] records = [TestData.FixtureRecord("100"), TestData.FixtureRecord("208")];
        using var model = new AllN();
        // Run B annotates 100 into the same folder just after run A has committed it, before A writes its summary:
        // what two processes racing do, made deterministic through A's progress callback.
        var b = new ArchiveAnnotator(model, "made-by-B", temp.Path);
        var a = new ArchiveAnnotator(model, "made-by-A", temp.Path);
        var progress = new SynchronousProgress<RecordOutcome>(o => { if (o.Record == "100") b.Annotate([records[0]], "summary-b.csv"); });

        var result = a.Annotate(records, "summary-a.csv", progress);

        string[] rows = File.ReadAllLines(temp.File("summary-a.csv"));
        Assert.StartsWith("100,replaced,", rows[1]);
        Assert.Contains("replaced by another annotate writing this folder", rows[1]);
        Assert.StartsWith("208,annotated,", rows[2]);
        Assert.Null(result.Stamps[0]);
        Assert.Contains("100", result.Failures.Keys);
        Assert.Equal(1, result.Annotated);
        // The files of 100 are B's, as its stamp says; 208's are A's.
        Assert.Contains("made-by-B", File.ReadAllText(temp.File("100.ecgbeats.json")));
        Assert.Contains("made-by-A", File.ReadAllText(temp.File("208.ecgbeats.json")));
        // A rerun of A sees 100 as not its own and annotates it again; its summary then lists both as annotated.
        a.Annotate(records, "summary-a.csv");
        Assert.All(File.ReadAllLines(temp.File("summary-a.csv")).Skip(1), row => Assert.Contains(",annotated,", row));
    }

    /// <summary>
    /// #28: an interrupted run (Ctrl+C, or the SIGTERM a batch scheduler sends a cancelled task) writes its summary too:
    /// the records it finished as annotated, the others as not done; a rerun then skips the finished ones.
    /// </summary>
    [Fact]
    public void AnInterruptedRunWritesItsSummaryWithTheRecordsNotDone()
    {
        using var temp = TestData.TempFolder();
        string[] records = [TestData.FixtureRecord("100"), TestData.FixtureRecord("208"), TestData.FixtureRecord("232")];
        using var model = new AllN();
        using var interrupt = new CancellationTokenSource();
        var annotator = new ArchiveAnnotator(model, "made", temp.Path);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            annotator.Annotate(records, "summary.csv", new SynchronousProgress<RecordOutcome>(_ => interrupt.Cancel()), interrupt.Token));

        string[] rows = File.ReadAllLines(temp.File("summary.csv"));
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("100,annotated,", rows[1]);
        Assert.Equal("208,not done,,,,,,,,", rows[2]);
        Assert.Equal("232,not done,,,,,,,,", rows[3]);
        Assert.False(File.Exists(temp.File("208.ecgbeats")));

        var skipped = new List<string>();
        annotator.Annotate(records, "summary.csv", new SynchronousProgress<RecordOutcome>(o => { if (o.Skipped) skipped.Add(o.Record); }));
        Assert.Equal(["100"], skipped);
        Assert.All(File.ReadAllLines(temp.File("summary.csv")).Skip(1), row => Assert.Contains(",annotated,", row));
    }
}
