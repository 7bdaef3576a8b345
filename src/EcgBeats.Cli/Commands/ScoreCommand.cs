using System.CommandLine;
using System.Globalization;
using System.Text;
using EcgBeats.PhysioNet;
using EcgBeats.Io;
using EcgBeats.Metrics;
using EcgBeats.Metrics.Ec57;
using EcgBeats.Wfdb;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats score RECORD... --ref atr --test EXT</c>: beat-by-beat comparison of two annotation files per record
/// (ANSI/AAMI EC57), the numbers of WFDB's <c>bxb -L</c> and <c>sumstats</c>, record by record, gross and average.
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
        var classes = new Option<BeatClassMapping>("--classes")
        {
            Description = "Which class escape beats (e, j, n) count as: bxb (S, as bxb -L and -S report; the default) or dechazal (N, as de Chazal 2004 and the published inter-patient results).",
            DefaultValueFactory = _ => BeatClassMapping.Bxb,
        };
        var json = new Option<string?>("--json") { Description = "Also write every matrix and statistic to this JSON file.", HelpName = "FILE" };
        var wfdb = new Option<string?>("--wfdb-reports") { Description = "Also write the reports bxb -S and -L and sumstats would write (same text) into this folder; with --rhythm, epicmp -A's too.", HelpName = "DIR" };
        var rhythm = new Option<bool>("--rhythm") { Description = "Also compare atrial fibrillation episodes (rhythm annotations '(AFIB'), exactly as WFDB's epicmp -A: episode and duration Se and +P, per record and gross." };
        var command = new Command("score", "Compare test annotations with reference annotations beat by beat (ANSI/AAMI EC57, exactly as WFDB's bxb and sumstats): QRS, VEB and SVEB Se and +P.")
        {
            records, reference, test, testFolder, start, window, classes, json, wfdb, rhythm,
        };
        command.SetAction(parse =>
        {
            var options = new BeatComparisonOptions(parse.GetValue(window), parse.GetValue(start), Mapping: parse.GetValue(classes));
            if (!(options.MatchWindowSeconds > 0)) throw new InvalidInputException($"--window {options.MatchWindowSeconds}: must be positive");
            if (options.StartSeconds < 0) throw new InvalidInputException($"--start {options.StartSeconds}: must not be negative");
            string? dataDirectory = DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory;
            string refExt = parse.GetValue(reference)!, testExt = parse.GetValue(test)!;
            string? testDir = parse.GetValue(testFolder);
            if (parse.GetValue(json) is string jsonTarget) OutputFolder.PrepareFile(jsonTarget);
            if (parse.GetValue(wfdb) is string reportsTarget) OutputFolder.Prepare(reportsTarget);

            var comparisons = new List<BeatComparison>();
            var episodes = new List<EpisodeComparison>();
            var episodeOptions = new EpisodeComparisonOptions(options.StartSeconds, options.EndSeconds);
            foreach (string given in parse.GetValue(records)!)
            {
                string path = RecordPath.Resolve(given, dataDirectory);
                string name = RecordPath.Name(path);
                var header = RecordReader.ReadHeader(path);
                // The record's rate, given: a test file in --test-dir with its own time resolution has no header beside it.
                var referenceAnnotations = AnnotationReader.ReadFile(RecordPath.Annotations(path, refExt), header.SamplingFrequency);
                string testPath = testDir is null ? RecordPath.Annotations(path, testExt) : Path.Combine(testDir, $"{name}.{testExt}");
                var testAnnotations = AnnotationReader.ReadFile(testPath, header.SamplingFrequency);
                // The JSON is written after every record is read: never over one of the files it reads.
                if (parse.GetValue(json) is string target)
                    OutputFolder.CheckNotAnInput(target, [.. RecordReader.Files(path), RecordPath.Annotations(path, refExt), testPath]);
                comparisons.Add(BeatByBeatComparator.Compare(name, referenceAnnotations, testAnnotations, header.SamplingFrequency, options, header.SampleCount));
                if (parse.GetValue(rhythm))
                    episodes.Add(EpisodeComparator.Compare(name, referenceAnnotations, testAnnotations, header.SamplingFrequency, header.SampleCount ?? 0, RhythmEpisodeType.AtrialFibrillation, episodeOptions));
            }
            var report = Ec57Score.From(comparisons, options, refExt, testExt);
            Print(Terminal.For(parse.InvocationConfiguration.Output), report, comparisons);
            if (episodes.Count > 0) PrintEpisodes(Terminal.For(parse.InvocationConfiguration.Output), episodes, refExt, testExt);
            if (parse.GetValue(json) is string jsonFile)
            {
                JsonFile.Write(jsonFile, report);
                parse.InvocationConfiguration.Output.WriteLine($"-> {jsonFile}");
            }
            if (parse.GetValue(wfdb) is string folder)
            {
                WriteWfdbReports(folder, comparisons, refExt, testExt);
                if (episodes.Count > 0)
                {
                    AtomicFile.WriteAllText(Path.Combine(folder, "epicmp-af.txt"), string.Concat(episodes.Select(e => EpicmpReport.Standard(e, refExt, testExt))));
                    AtomicFile.WriteAllText(Path.Combine(folder, "epicmp-af-lines.txt"), EpicmpReport.LineHeader + string.Concat(episodes.Select(EpicmpReport.Line)));
                }
                parse.InvocationConfiguration.Output.WriteLine($"-> {folder}: bxb-standard.txt, bxb-standard-shutdown.txt, bxb-lines.txt, bxb-lines-shutdown.txt, sumstats.txt" +
                                                               (episodes.Count > 0 ? ", epicmp-af.txt, epicmp-af-lines.txt" : ""));
            }
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>What bxb -S (report, and its shutdown part on standard output), bxb -L (both files) and sumstats would write.</summary>
    private static void WriteWfdbReports(string folder, IReadOnlyList<BeatComparison> comparisons, string reference, string test)
    {
        var standard = new StringBuilder();
        var standardShutdown = new StringBuilder();
        var lines = new StringBuilder(BxbReport.LineHeader);
        var shutdown = new StringBuilder(BxbReport.ShutdownHeader);
        foreach (var c in comparisons)
        {
            standard.Append(BxbReport.Standard(c, reference, test));
            standardShutdown.Append(BxbReport.StandardShutdown(c));
            lines.Append(BxbReport.Line(c));
            shutdown.Append(BxbReport.ShutdownLine(c));
        }
        AtomicFile.WriteAllText(Path.Combine(folder, "bxb-standard.txt"), standard.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, "bxb-standard-shutdown.txt"), standardShutdown.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, "bxb-lines.txt"), lines.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, "bxb-lines-shutdown.txt"), shutdown.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, "sumstats.txt"), new Sumstats(comparisons).Format());
    }

    private static void Print(IAnsiConsole console, Ec57Score report, List<BeatComparison> comparisons)
    {
        string interval = report.Options.StartSeconds > 0 ? $"from {report.Options.StartSeconds:0.##} s (EC57)" : "whole records";
        string mapping = report.Options.Mapping == BeatClassMapping.Bxb ? "escape beats e, j, n as S (bxb)" : "escape beats e, j, n as N (de Chazal)";
        console.WriteLine($"Beat-by-beat comparison, reference '{report.Reference}' vs test '{report.Test}', match window {report.Options.MatchWindowSeconds * 1000:0} ms, {interval}, {mapping}.");
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
            matrix.AddRow([BeatComparison.Labels[r], .. Enumerable.Range(0, BeatComparison.Size).Select(t => r >= BeatComparison.Unmatched && t >= BeatComparison.Unmatched ? "" : gross[r, t].ToString("N0", CultureInfo.InvariantCulture))]);
        console.Write(matrix);
        var stats = new Table().AddColumns("", "QRS Se", "QRS +P", "VEB Se", "VEB +P", "SVEB Se", "SVEB +P", "RR error ms");
        stats.AddRow(Stats("gross", report.Gross));
        if (comparisons.Count > 1) stats.AddRow(Stats("average", report.Average));
        console.Write(stats);
    }

    /// <summary>The AF episode table: per record (as epicmp -l) and gross (counts and durations summed).</summary>
    private static void PrintEpisodes(IAnsiConsole console, List<EpisodeComparison> episodes, string reference, string test)
    {
        console.WriteLine($"Atrial fibrillation, episode by episode (epicmp -A), reference '{reference}' vs test '{test}':");
        var table = new Table().AddColumns("record", "ref episodes", "found", "test episodes", "true", "episode Se", "episode +P", "ref AF", "test AF", "duration Se", "duration +P");
        static string Time(double seconds) { long t = (long)Math.Round(seconds); return $"{t / 3600}:{t / 60 % 60:00}:{t % 60:00}"; }
        foreach (var e in episodes)
            table.AddRow(e.Record, (e.MatchedReference + e.MissedReference).ToString(CultureInfo.InvariantCulture), e.MatchedReference.ToString(CultureInfo.InvariantCulture),
                (e.MatchedTest + e.FalseTest).ToString(CultureInfo.InvariantCulture), e.MatchedTest.ToString(CultureInfo.InvariantCulture),
                Pct(e.EpisodeSensitivity), Pct(e.EpisodePositivePredictivity), Time(e.ReferenceSeconds), Time(e.TestSeconds),
                Pct(e.DurationSensitivity), Pct(e.DurationPositivePredictivity));
        var gross = EpisodeTotals.Of(episodes);
        table.AddRow("gross", (gross.MatchedReference + gross.MissedReference).ToString(CultureInfo.InvariantCulture), gross.MatchedReference.ToString(CultureInfo.InvariantCulture),
            (gross.MatchedTest + gross.FalseTest).ToString(CultureInfo.InvariantCulture), gross.MatchedTest.ToString(CultureInfo.InvariantCulture),
            Pct(gross.EpisodeSensitivity), Pct(gross.EpisodePositivePredictivity), Time(gross.ReferenceSeconds), Time(gross.TestSeconds),
            Pct(gross.DurationSensitivity), Pct(gross.DurationPositivePredictivity));
        console.Write(table);
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
        Pct(s.SvebSensitivity), Pct(s.SvebPositivePredictivity), Pct(s.RmsRrErrorMs),
    ];

    /// <summary>A percentage as EC57 prints it: two decimals, "-" when undefined.</summary>
    private static string Pct(double? value) => value is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
