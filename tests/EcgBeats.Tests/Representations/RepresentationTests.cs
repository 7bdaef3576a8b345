using System.Text.Json;
using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.Dsp;
using EcgBeats.Io;
using EcgBeats.Representations;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Representations;

/// <summary>Beat representations: leads found by name, recipes that say what differs, and the cut a card names rebuilt.</summary>
public sealed class RepresentationTests
{
    private static long[] ReferenceBeats(string record) =>
        AnnotationReader.ReadFile(TestData.FixtureRecord(record) + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();

    /// <summary>Record 100 with its two signals stored the other way round (V5 first, MLII second), as MIT-BIH 114 stores them.</summary>
    private static WfdbRecord Swapped(WfdbRecord record) =>
        new(record.Header with { Signals = [record.Header.Signals[1], record.Header.Signals[0]] }, 0, [record.Adc[1], record.Adc[0]]);

    [Fact]
    public void ALeadAskedForByNameIsFoundWhereverTheRecordStoresIt()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        var swapped = Swapped(record);
        Assert.Equal("V5", swapped.Header.Signals[0].Description);

        var kachuee = new Kachuee2018Representation();   // asks for MLII
        var straight = kachuee.Cut(record, "100", null, BeatCutMode.Dataset);
        var fromSecond = kachuee.Cut(swapped, "100", null, BeatCutMode.Dataset);
        Assert.Equal(straight.Values, fromSecond.Values);
        Assert.Equal(straight.Origins, fromSecond.Origins);
        Assert.Equal([1], LeadResolver.Resolve(kachuee.Recipe.Layout.Leads, swapped.Header, "100").Signals);

        // The Kaggle-faithful cut takes the first signal whatever it is, as the Kaggle files did: here V5.
        var kaggle = new KaggleMitBihRepresentation();
        long[] peaks = ReferenceBeats("100");
        Assert.NotEqual(kaggle.Cut(record, "100", peaks, BeatCutMode.Dataset).Values, kaggle.Cut(swapped, "100", peaks, BeatCutMode.Dataset).Values);
    }

    [Fact]
    public void AMissingLeadIsRefusedNamingTheSignalsThereAreOrReplacedWithANote()
    {
        var header = RecordReader.ReadHeader(TestData.FixtureRecord("100"));   // MLII, V5
        var error = Assert.Throws<InvalidInputException>(() => LeadResolver.Resolve([LeadRequest.Named("V1")], header, "100"));
        Assert.Contains("no lead V1", error.Message);
        Assert.Contains("0 MLII, 1 V5", error.Message);

        var replaced = LeadResolver.Resolve([LeadRequest.Named("MLII"), LeadRequest.Named("V1", otherwiseFirstFree: true)], header, "100");
        Assert.Equal([0, 1], replaced.Signals);
        Assert.Equal("100: no lead V1; signal 1 (V5) stands in for it", Assert.Single(replaced.Notes));

        var tooFew = Assert.Throws<InvalidInputException>(() => LeadResolver.Resolve([LeadRequest.FirstSignal, LeadRequest.FirstSignal, LeadRequest.FirstSignal], header, "100"));
        Assert.Contains("3 leads are needed", tooFew.Message);
    }

    /// <summary>
    /// Issue #23: a record whose leads have no standard names (WFDB's xform made it from the 208 fixture at 128 Hz, its
    /// leads then named ECG1 and ECG2, as in tests/Fixtures/other-rates). The declared representation reads MLII and V1
    /// by name: the first signals stand in, with one note per lead for the whole record (annotate prints each once),
    /// and the beats are cut there at the record's own rate.
    /// </summary>
    [Fact]
    public void LeadsWithoutStandardNamesStandInWithOneNoteEach()
    {
        string path = TestData.Fixture("other-rates", "x208");
        var record = RecordReader.Read(path);
        var representation = BeatRepresentations.Create("rhythm-morphology-2lead");
        var resolved = LeadResolver.Resolve(representation.Recipe.Layout.Leads, record.Header, "x208");
        Assert.Equal([0, 1], resolved.Signals);
        Assert.Equal(["x208: no lead MLII; signal 0 (ECG1) stands in for it", "x208: no lead V1; signal 1 (ECG2) stands in for it"], resolved.Notes);

        long[] beats = AnnotationReader.ReadFile(path + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();
        var cut = representation.Cut(record, "x208", beats, BeatCutMode.Dataset);
        Assert.Equal(beats.Length, cut.Count);
    }

    [Fact]
    public void RecipesSayWhatDiffers()
    {
        var plain = new KaggleMitBihRepresentation().Recipe;
        var filtered = new KaggleMitBihRepresentation(new FilterOptions(FilterKind.Both)).Recipe;
        var kachuee = new Kachuee2018Representation().Recipe;

        Assert.Null(plain.DifferenceFrom(new KaggleMitBihRepresentation().Recipe));
        Assert.Equal(plain, new KaggleMitBihRepresentation().Recipe);
        Assert.StartsWith("filter 'none (raw signal)' vs 'zero-phase IIR notch", plain.DifferenceFrom(filtered));
        Assert.Equal("representation 'kaggle-mitbih' vs 'kachuee2018'", plain.DifferenceFrom(kachuee));
        Assert.Equal("kaggle-mitbih version 1 vs 2", plain.DifferenceFrom(plain with { Version = 2 }));
        // Both are 187 values: the layout alone would not tell them apart.
        Assert.Equal(plain.Layout.ValuesPerBeat, kachuee.Layout.ValuesPerBeat);
    }

    [Fact]
    public void ARecipeSurvivesItsCardAndRebuildsItsRepresentation()
    {
        var recipe = new Kachuee2018Representation(new FilterOptions(FilterKind.BandPass, BandLowHz: 1)).Recipe;
        string json = JsonSerializer.Serialize(recipe, JsonFile.Options);
        var back = JsonSerializer.Deserialize<RepresentationRecipe>(json, JsonFile.Options)!;
        Assert.Equal(recipe, back);
        Assert.Contains("\"kind\": \"BandPass\"", json);

        var rebuilt = BeatRepresentations.For(back);
        Assert.IsType<Kachuee2018Representation>(rebuilt);
        Assert.Equal(recipe, rebuilt.Recipe);

        var unknown = Assert.Throws<InvalidInputException>(() => BeatRepresentations.For(recipe with { Name = "mystery" }));
        Assert.Contains("'mystery'", unknown.Message);
        var newer = Assert.Throws<InvalidInputException>(() => BeatRepresentations.For(recipe with { Version = 9 }));
        Assert.Contains("version 1 vs 9", newer.Message);
    }

    [Fact]
    public void KaggleCutBeatsCarryTheirOriginsAndRecipe()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("208"));
        long[] peaks = ReferenceBeats("208");
        var kaggle = new KaggleMitBihRepresentation();
        var dataset = kaggle.Cut(record, "208", peaks, BeatCutMode.Dataset);
        var every = kaggle.Cut(record, "208", peaks, BeatCutMode.EveryBeat);

        // A dataset drops the last beat (nothing ends its window); annotating cuts them all.
        Assert.Equal(peaks[..^1], dataset.Origins!.Select(o => o.Sample));
        Assert.Equal(peaks, every.Origins!.Select(o => o.Sample));
        Assert.All(every.Origins!, o => Assert.Equal("208", o.Record));
        Assert.Equal(kaggle.Recipe, every.Recipe);
        Assert.Equal(187, every.ValuesPerBeat);
    }

    [Fact]
    public void KaggleTookTheFirstSignalOfRecord114()
    {
        // Row 7 of the real mitbih_train.csv is a beat of record 114 (sample 414294), cut from its first signal, V5.
        string dir = TestData.RequireMitDb();
        var row = KaggleCsv.Read(TestData.Fixture("kaggle", "mitbih_train_head.csv")).Beat(6).ToArray();
        var record = RecordReader.Read(Path.Combine(dir, "114"));
        Assert.Equal(["V5", "MLII"], record.Header.Signals.Select(s => s.Description));
        long[] peaks = AnnotationReader.ReadFile(Path.Combine(dir, "114.atr")).Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();
        var kaggle = new KaggleMitBihRepresentation();

        float[] Beat(IReadOnlyList<int> signals)
        {
            var beats = kaggle.Cut(record, "114", peaks, BeatCutMode.Dataset, signals);
            return beats.Beat(Array.FindIndex(beats.Origins!, o => o.Sample == 414294)).ToArray();
        }
        Assert.Equal(row, Beat(LeadResolver.Resolve(kaggle.Recipe.Layout.Leads, record.Header, "114").Signals));
        Assert.True(row.Zip(Beat([1])).Max(p => Math.Abs(p.First - p.Second)) > 0.1, "cut from MLII the beat is another");
    }
}
