using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Dsp;
using EcgBeats.Io;
using EcgBeats.Rhythms;
using EcgBeats.Wfdb;

namespace EcgBeats.Annotators;

/// <summary>
/// Annotates many records into one folder, as an archive run on a laptop or a batch scheduler needs: each record's WFDB
/// annotation file, its per-beat CSV and its <see cref="AnnotationStamp"/> go into place together (never one without the
/// others); a record already annotated by the same model, detector and signals is skipped, so a run stopped by Ctrl+C,
/// a crash or a time limit goes on where it stopped; one bad record among many is reported and the others go on; a
/// summary CSV lists every record's outcome. Records are annotated in parallel when asked.
/// <code>using var model = registry.Open("models/ensemble-classwise");
/// var annotator = new ArchiveAnnotator(model, AnnotationStamp.Of("models/ensemble-classwise", "elgendi2010", null, rhythm: true), "out");
/// var result = annotator.Annotate(RecordList.Expand(["data/*"], null));</code>
/// </summary>
/// <param name="classifier">The model; it must be safe to call from several threads when <see cref="Parallelism"/> is above 1 (wrap it in a <see cref="SerializedClassifier"/>).</param>
/// <param name="made">What makes two annotations the same (<see cref="AnnotationStamp.Of"/>).</param>
/// <param name="outFolder">Where the files go (made when missing).</param>
public sealed class ArchiveAnnotator(IBeatClassifier classifier, string made, string outFolder)
{
    /// <summary>The annotator name, the annotation files' extension (e.g. <c>ecgbeats</c>: <c>100.ecgbeats</c>).</summary>
    public string Extension { get; init; } = "ecgbeats";

    /// <summary>The QRS detector's name (<see cref="QrsDetectors.Names"/>).</summary>
    public string Detector { get; init; } = QrsDetectors.Names[0];

    /// <summary>The signals to read, or null for the record's ECG leads.</summary>
    public IReadOnlyList<int>? Signals { get; init; }

    /// <summary>Find AF and write the rhythm (<see cref="RecordAnnotator.RhythmDetector"/>); false: beats only, as the model calls them.</summary>
    public bool Rhythm { get; init; } = true;

    /// <summary>Annotate records already annotated by the same model too.</summary>
    public bool Force { get; init; }

    /// <summary>Records annotated at once.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>
    /// Annotates <paramref name="records"/> (record paths without extension), then writes the summary. With several records,
    /// a record that cannot be read or annotated is a failure in the result; with one, its exception is thrown.
    /// </summary>
    /// <param name="records">The records, e.g. one shard's (<see cref="Shard.Of{T}"/>).</param>
    /// <param name="summaryName">The summary's file name in the folder (default <c>summary.EXT.csv</c>; shards name their own).</param>
    /// <param name="progress">Receives each record's outcome as it finishes (from any thread, one at a time).</param>
    /// <param name="cancel">Stops starting records; those under way finish or are abandoned whole.</param>
    /// <exception cref="InvalidInputException">Two records share a name (their files would collide), or the only record is bad.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; finished records stay, with their stamps.</exception>
    public ArchiveResult Annotate(IReadOnlyList<string> records, string? summaryName = null, IProgress<RecordOutcome>? progress = null, CancellationToken cancel = default)
    {
        var clash = records.GroupBy(RecordPath.Name).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InvalidInputException($"two records are named {clash.Key} ({string.Join(", ", clash.Take(2))}); their annotation files would collide in {outFolder}");
        if (Parallelism < 1) throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "at least 1");
        Directory.CreateDirectory(outFolder);
        LeftBehind.Clear(outFolder, ".ecgbeats-staging.*"); // what a killed run left, even when every record is skipped
        var stamps = new AnnotationStamp?[records.Count];
        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var gate = new Lock();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            Parallel.For(0, records.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancel }, i =>
            {
                var outcome = AnnotateOne(records[i], records.Count > 1, SummaryName(summaryName));
                stamps[i] = outcome.Stamp;
                if (outcome.Failure is { } why) failures[outcome.Record] = why;
                lock (gate) progress?.Report(outcome);
            });
        }
        catch (OperationCanceledException)
        {
            // Interrupted (Ctrl+C, or a scheduler's SIGTERM): the records under way have finished or been abandoned whole,
            // and the summary says which are done and which are not, as after a whole run.
            WriteSummary(records, stamps, failures, summaryName);
            throw;
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A failure that stops the run (the only record, or an interrupt): the caller sees it, not its wrapper.
            if (e.InnerExceptions[0] is OperationCanceledException) WriteSummary(records, stamps, failures, summaryName);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        var names = records.Select(RecordPath.Name).ToList();
        string summary = WriteSummary(records, stamps, failures, summaryName);
        return new ArchiveResult(names, stamps, new Dictionary<string, string>(failures, StringComparer.Ordinal), summary, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Writes the summary of <paramref name="records"/> (clearing the stamps of records another run replaced); returns its path.</summary>
    private string WriteSummary(IReadOnlyList<string> records, AnnotationStamp?[] stamps, ConcurrentDictionary<string, string> failures, string? summaryName)
    {
        string summary = Path.Combine(outFolder, SummaryName(summaryName));
        var names = records.Select(RecordPath.Name).ToList();
        // Under the folder's lock, each record's files are checked to still be this run's: another annotate writing the
        // same folder at the same time may have replaced some (the last commit wins), and the summary says so instead of
        // listing this run's counts beside the other's files (#25). Written last, the summary agrees with the folder.
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        using (FileSet.Lock(outFolder))
        {
            for (int i = 0; i < names.Count; i++)
            {
                if (stamps[i] is null) continue;
                string annotationFile = Path.Combine(outFolder, $"{names[i]}.{Extension}");
                if (AnnotationStamp.Finished(annotationFile, annotationFile + ".csv", made) is not null) continue;
                stamps[i] = null;
                replaced.Add(names[i]);
                failures[names[i]] = "its files were replaced by another annotate writing this folder at the same time (another model or settings); run again to annotate it with this one";
            }
            AtomicFile.WriteAllText(summary, Summary(names, stamps, failures, replaced));
        }
        return summary;
    }

    /// <summary>The three files of one record, in place together; or the skip; or the failure (only when <paramref name="tolerate"/>).</summary>
    private RecordOutcome AnnotateOne(string path, bool tolerate, string summaryName)
    {
        string name = RecordPath.Name(path);
        string annotationFile = Path.Combine(outFolder, $"{name}.{Extension}");
        string csvFile = annotationFile + ".csv";
        if (string.Equals(Path.GetFileName(csvFile), summaryName, StringComparison.OrdinalIgnoreCase))
        {
            string why = $"record {name}: its beat CSV would be the archive's summary ({summaryName}); annotate it into another --out folder, or on its own";
            if (!tolerate) throw new InvalidInputException(why);
            return new RecordOutcome(name, null, Skipped: false, why, []);
        }
        if (!Force && AnnotationStamp.Finished(annotationFile, csvFile, made) is { } finished)
            return new RecordOutcome(name, finished, Skipped: true, null, []);
        // A file there that no annotate run wrote (no stamp beside it) may be the record's own: its header, signals or
        // reference annotations (annotate R --out R's folder --ext hea|dat|atr). Never replace it.
        if (!File.Exists(AnnotationStamp.PathFor(annotationFile)) && new[] { annotationFile, csvFile }.FirstOrDefault(File.Exists) is { } foreign)
        {
            string why = $"{foreign}: exists and was not written by ecgbeats annotate (no {Path.GetFileName(AnnotationStamp.PathFor(annotationFile))} beside it); " +
                "it may be the record's own file, so it is not replaced (choose another --ext or --out, or remove it)";
            if (!tolerate) throw new InvalidInputException(why);
            return new RecordOutcome(name, null, Skipped: false, why, []);
        }
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            // A signal file that ends before the header's length is read as far as it goes, as WFDB's tools do, and said once.
            var record = RecordReader.ReadWhatTheFilesHold(path, out string? shortfall);
            var result = new RecordAnnotator(classifier, QrsDetectors.Create(Detector)) { RhythmDetector = Rhythm ? new() : null }.Annotate(record, name, Signals);
            var counts = AamiMapping.Classes.Select(k => result.Beats.Count(b => b.Class == k)).ToList();
            var stamp = new AnnotationStamp(name, made, result.Beats.Count, counts, Math.Round(started.Elapsed.TotalSeconds, 3));
            // The annotation file, its CSV and its stamp go into place together, under the folder's lock: two processes
            // annotating into one folder cannot pair one model's annotations with another's CSV.
            using (var files = new FileSet(outFolder))
            {
                // The stamp is staged first, so it is renamed into place first: a kill between the renames leaves a stamp
                // whose digests the files beside it do not match (the record is annotated again), never the record's new
                // files without a stamp (which would read as someone else's files, not to be replaced).
                string stagedStamp = files.Stage(Path.GetFileName(AnnotationStamp.PathFor(annotationFile)));
                string staged = files.Stage(Path.GetFileName(annotationFile)), stagedCsv = files.Stage(Path.GetFileName(csvFile));
                AnnotationWriter.WriteFile(staged, result.ToAnnotations());
                AtomicFile.WriteAllText(stagedCsv, Csv(result, classifier.Card.Classes));
                stamp = stamp with
                {
                    Files = new Dictionary<string, string>
                    {
                        [Path.GetFileName(annotationFile)] = PhysioNet.Sha256Sums.OfFile(staged),
                        [Path.GetFileName(csvFile)] = PhysioNet.Sha256Sums.OfFile(stagedCsv),
                    },
                };
                JsonFile.Write(stagedStamp, stamp);
                files.Commit();
            }
            // What rdsamp would say of the record too: its header's warnings and any checksum error (a damaged signal file).
            string headerPath = RecordPath.Header(path);
            var warnings = record.Header.Warnings.Concat(RecordChecks.Checksums(record).Select(m => RecordChecks.Describe(m, headerPath)));
            if (shortfall is not null) warnings = warnings.Prepend(shortfall);
            return new RecordOutcome(name, stamp, Skipped: false, null, [.. warnings, .. result.Warnings]);
        }
        catch (Exception e) when (tolerate && e is not OperationCanceledException)
        {
            // One bad record in an archive does not stop the others, whatever went wrong with it (a damaged file, or a
            // defect of ours that only its bytes reach); only an interrupt stops the run.
            string why = HiddenFolders.Targets(IsTheRecords(e) ? e.Message : $"internal error ({e.GetType().Name}): {e.Message}");
            return new RecordOutcome(name, null, Skipped: false, why, []);
        }
    }

    /// <summary>The summary's file name: the one given, else <c>summary.EXT.csv</c>.</summary>
    private string SummaryName(string? given) => given ?? $"summary.{Extension}.csv";

    /// <summary>Failures a record's files cause (unreadable, damaged, missing), as opposed to defects of ours.</summary>
    private static bool IsTheRecords(Exception e) =>
        e is InvalidInputException or FormatException or IOException or UnauthorizedAccessException;

    /// <summary>One row per record: its beats per class, time taken, and whether it is done or failed.</summary>
    private static string Summary(IReadOnlyList<string> names, AnnotationStamp?[] stamps, IReadOnlyDictionary<string, string> failures, IReadOnlySet<string> replaced)
    {
        var text = new StringBuilder("record,status,beats,N,S,V,F,Q,seconds,reason\n");
        for (int i = 0; i < names.Count; i++)
        {
            if (stamps[i] is { } s)
                text.Append(CsvField(s.Record)).Append(",annotated,").Append(s.Beats).Append(',').Append(string.Join(",", s.Counts)).Append(',')
                    .Append(s.Seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(",\n");
            else
                text.Append(CsvField(names[i])).Append(replaced.Contains(names[i]) ? ",replaced" : failures.ContainsKey(names[i]) ? ",failed" : ",not done").Append(",,,,,,,,")
                    .Append(CsvField(failures.GetValueOrDefault(names[i]) ?? "")).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A CSV field (RFC 4180): quoted, with its quotes doubled, when it holds a comma, a quote or a line break.</summary>
    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    /// <summary>
    /// One row per beat: sample, time in seconds, class (after the rhythm gate), rhythm (<c>AFIB</c> or <c>N</c>, as the
    /// annotation file's aux without its parenthesis), and the model's probability of each class.
    /// </summary>
    private static string Csv(AnnotatedRecord result, IReadOnlyList<string> classes)
    {
        var text = new StringBuilder();
        text.Append("sample,time_s,class,rhythm,").Append(string.Join(",", classes.Select(c => "p_" + c))).Append('\n');
        foreach (var beat in result.Beats)
        {
            text.Append(beat.Sample).Append(',')
                .Append((beat.Sample / result.SamplingFrequency).ToString("0.000", CultureInfo.InvariantCulture)).Append(',')
                .Append(beat.Class).Append(',').Append(RhythmEpisode.Aux(beat.Rhythm).TrimStart('('));
            foreach (float p in beat.Probabilities) text.Append(',').Append(p.ToString("0.######", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }
}

/// <summary>What became of one record.</summary>
/// <param name="Record">Its name.</param>
/// <param name="Stamp">Its stamp when annotated (now or before), else null.</param>
/// <param name="Skipped">Already annotated by the same model: nothing was done.</param>
/// <param name="Failure">Why it failed, or null.</param>
/// <param name="Warnings">What the annotation noticed (e.g. a lead chosen by name).</param>
public sealed record RecordOutcome(string Record, AnnotationStamp? Stamp, bool Skipped, string? Failure, IReadOnlyList<string> Warnings);

/// <summary>What an archive run did.</summary>
/// <param name="Records">The records' names, in the order given.</param>
/// <param name="Stamps">Each record's stamp, or null when it failed or was not reached.</param>
/// <param name="Failures">Why each failed record failed, by name.</param>
/// <param name="SummaryFile">The summary CSV written.</param>
/// <param name="Seconds">Time taken.</param>
public sealed record ArchiveResult(IReadOnlyList<string> Records, IReadOnlyList<AnnotationStamp?> Stamps, IReadOnlyDictionary<string, string> Failures,
    string SummaryFile, double Seconds)
{
    /// <summary>Records with their three files in place.</summary>
    public int Annotated => Stamps.Count(s => s is not null);
}
