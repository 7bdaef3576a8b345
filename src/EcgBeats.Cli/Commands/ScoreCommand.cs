using System.CommandLine;
using System.Globalization;
using EcgBeats.Data;
using EcgBeats.Io;
using EcgBeats.Metrics;
using EcgBeats.Wfdb;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats score RECORD... --ref atr --test EXT</c>: beat-by-beat comparison of two annotation files
/// per record (ANSI/AAMI EC57, as WFDB's bxb), with gross and average statistics.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var records = new Argument<string[]>("RECORD") { Description = "Records: names in the data folder (100) or paths (mitdb/100).", Arity = ArgumentArity.OneOrMore };
        var reference = new Option<string>("--ref") { Description = "Reference annotator (file extension), read beside the record.", DefaultValueFactory = _ => "atr" };
        var test = new Option<string>("--test") { Description = "Test annotator (file extension).", DefaultValueFactory = _ => AnnotateCommand.DefaultExtension };
        var testFolder = new Option<string?>("--test-dir") { Description = "Folder holding the test annotation files (default: beside the record), e.g. annotate's --out.", HelpName = "DIR" };
        var start = new Option<double>("--start") { Description = "Compare from this time, seconds. EC57 leaves the first 5 minutes out (300); 0 compares whole records.", DefaultValueFactory = _ => new BeatComparisonOptions().StartSeconds };
        var window = new Option<double>("--window") { Description = "Match window, seconds (EC57: 0.15).", DefaultValueFactory = _ => new BeatComparisonOptions().MatchWindowSeconds };
        var json = new Option<string?>("--json") { Description = "Also write every matrix and statistic to this JSON file.", HelpName = "FILE" };
        var command = new Command("score", "Compare test annotations with reference annotations beat by beat (ANSI/AAMI EC57, as bxb): QRS, VEB and SVEB Se and +P.")
        {
            records, reference, test, testFolder, start, window, json,
        };
        command.SetAction(parse =>
        {
            var options = new BeatComparisonOptions(parse.GetValue(window), parse.GetValue(start));
            if (!(options.MatchWindowSeconds > 0)) throw new InvalidInputException($"--window {options.MatchWindowSeconds}: must be positive");
            if (options.StartSeconds < 0) throw new InvalidInputException($"--start {options.StartSeconds}: must not be negative");
            string? dataDirectory = DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory;
            string refExt = parse.GetValue(reference)!, testExt = parse.GetValue(test)!;
            string? testDir = parse.GetValue(testFolder);

            var comparisons = new List<BeatComparison>();
            foreach (string given in parse.GetValue(records)!)
            {
                string path = RecordPath.Resolve(given, dataDirectory);
                string name = RecordPath.Name(path);
                var header = RecordReader.ReadHeader(path);
                var referenceAnnotations = AnnotationReader.ReadFile(RecordPath.Annotations(path, refExt));
                string testPath = testDir is null ? RecordPath.Annotations(path, testExt) : Path.Combine(testDir, $"{name}.{testExt}");
                var testAnnotations = AnnotationReader.ReadFile(testPath);
                comparisons.Add(BeatByBeatComparator.Compare(name, referenceAnnotations, testAnnotations, header.SamplingFrequency, options));
            }
            var report = ScoreReport.From(comparisons, options, refExt, testExt);
            Print(Terminal.For(parse.InvocationConfiguration.Output), report, comparisons);
            if (parse.GetValue(json) is string jsonFile)
            {
                JsonFile.Write(jsonFile, report);
                parse.InvocationConfiguration.Output.WriteLine($"-> {jsonFile}");
            }
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, ScoreReport report, List<BeatComparison> comparisons)
    {
        string interval = report.Options.StartSeconds > 0 ? $"from {report.Options.StartSeconds:0.##} s (EC57)" : "whole records";
        console.WriteLine($"Beat-by-beat comparison, reference '{report.Reference}' vs test '{report.Test}', match window {report.Options.MatchWindowSeconds * 1000:0} ms, {interval}.");
        if (comparisons.Count > 1)
        {
            var perRecord = new Table().AddColumns("record", "beats", "missed", "extra", "QRS Se", "QRS +P", "VEB Se", "VEB +P", "SVEB Se", "SVEB +P");
            foreach (var c in comparisons) perRecord.AddRow(Row(c.Record, c));
            console.Write(perRecord);
        }
        var gross = BeatComparison.Sum(comparisons);
        console.WriteLine(comparisons.Count > 1 ? "Gross (all beats pooled):" : $"Record {comparisons[0].Record}:");
        var matrix = new Table().AddColumn("reference \\ test");
        foreach (string l in BeatComparison.Labels) matrix.AddColumn(new TableColumn(l.ToLowerInvariant()).RightAligned());
        for (int r = 0; r < BeatComparison.Size; r++)
            matrix.AddRow([BeatComparison.Labels[r], .. Enumerable.Range(0, BeatComparison.Size).Select(t => r == BeatComparison.Unmatched && t == BeatComparison.Unmatched ? "" : gross[r, t].ToString("N0", CultureInfo.InvariantCulture))]);
        console.Write(matrix);
        var stats = new Table().AddColumns("", "QRS Se", "QRS +P", "VEB Se", "VEB +P", "VEB FPR", "SVEB Se", "SVEB +P");
        stats.AddRow(Stats("gross", report.Gross));
        if (comparisons.Count > 1) stats.AddRow(Stats("average", report.Average));
        console.Write(stats);
    }

    private static string[] Row(string name, BeatComparison c) =>
    [
        name, (c.QrsTruePositives + c.QrsFalseNegatives).ToString("N0", CultureInfo.InvariantCulture),
        c.QrsFalseNegatives.ToString(CultureInfo.InvariantCulture), c.QrsFalsePositives.ToString(CultureInfo.InvariantCulture),
        Pct(c.QrsSensitivity), Pct(c.QrsPositivePredictivity), Pct(c.VebSensitivity), Pct(c.VebPositivePredictivity),
        Pct(c.SvebSensitivity), Pct(c.SvebPositivePredictivity),
    ];

    private static string[] Stats(string name, BeatComparisonStatistics s) =>
    [
        name, Pct(s.QrsSensitivity), Pct(s.QrsPositivePredictivity), Pct(s.VebSensitivity), Pct(s.VebPositivePredictivity),
        Pct(s.VebFalsePositiveRate, "0.000"), Pct(s.SvebSensitivity), Pct(s.SvebPositivePredictivity),
    ];

    /// <summary>A percentage as EC57 prints it: two decimals, "-" when undefined.</summary>
    private static string Pct(double? value, string format = "0.00") => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}

/// <summary>What <c>score --json</c> writes: the options, every record's matrix and statistics, and the gross and average statistics.</summary>
internal sealed record ScoreReport(
    string Format,
    string Reference,
    string Test,
    BeatComparisonOptions Options,
    IReadOnlyList<string> Labels,
    IReadOnlyList<RecordScore> Records,
    long[][] GrossMatrix,
    BeatComparisonStatistics Gross,
    BeatComparisonStatistics Average)
{
    public static ScoreReport From(IReadOnlyList<BeatComparison> comparisons, BeatComparisonOptions options, string reference, string test)
    {
        var gross = BeatComparison.Sum(comparisons);
        var perRecord = comparisons.Select(c => new RecordScore(c.Record, c.ToRows(), c.Statistics())).ToList();
        return new ScoreReport("ecgbeats-score/1", reference, test, options, BeatComparison.Labels, perRecord, gross.ToRows(),
            gross.Statistics(), BeatComparisonStatistics.Average(perRecord.Select(r => r.Statistics).ToList()));
    }
}

/// <summary>One record's comparison: rows reference N S V F Q O, columns test n s v f q o.</summary>
internal sealed record RecordScore(string Record, long[][] Matrix, BeatComparisonStatistics Statistics);
