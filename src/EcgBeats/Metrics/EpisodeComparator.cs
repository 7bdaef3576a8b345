using EcgBeats.Wfdb;

namespace EcgBeats.Metrics;

/// <summary>The rhythm episodes <see cref="EpisodeComparator"/> compares: rhythm annotations whose aux text begins so.</summary>
public enum RhythmEpisodeType
{
    /// <summary>Atrial fibrillation: from a rhythm change <c>(AFIB</c> to the next rhythm change that is not.</summary>
    AtrialFibrillation,

    /// <summary>Atrial flutter: from a rhythm change <c>(AFL</c> to the next rhythm change that is not.</summary>
    AtrialFlutter,
}

/// <summary>How episodes are compared (the defaults are EC57's, as <c>epicmp</c> without options).</summary>
/// <param name="StartSeconds">The comparison begins here (EC57: after the first 5 minutes; <c>epicmp -f</c>).</param>
/// <param name="EndSeconds">It ends here, or at the record's end when null (<c>epicmp -t</c>).</param>
/// <param name="ExcludeReferenceFlutter">Leave reference atrial flutter out of the AF positive predictivity, as EC38:1998
/// did (<c>epicmp -x</c>); EC57 and EC38:2007 do not.</param>
public sealed record EpisodeComparisonOptions(double StartSeconds = 300, double? EndSeconds = null, bool ExcludeReferenceFlutter = false);

/// <summary>
/// One record's episode-by-episode comparison (ANSI/AAMI EC57): how many reference episodes a test episode overlaps
/// (episode sensitivity), how many test episodes a reference episode overlaps (episode positive predictivity), and how
/// much of each side's episode time the other covers (duration sensitivity and positive predictivity), in samples.
/// </summary>
/// <param name="Record">The record's name.</param>
/// <param name="Type">Which episodes.</param>
/// <param name="SamplingFrequency">Samples per second, for the durations.</param>
/// <param name="MatchedReference">Reference episodes a test episode overlaps (epicmp's TPs).</param>
/// <param name="MissedReference">Reference episodes no test episode overlaps (FN).</param>
/// <param name="MatchedTest">Test episodes a reference episode overlaps (TPp).</param>
/// <param name="FalseTest">Test episodes no reference episode overlaps (FP).</param>
/// <param name="ReferenceOverlap">Samples of reference episodes that test episodes cover.</param>
/// <param name="ReferenceDuration">Samples of reference episodes, within the compared interval.</param>
/// <param name="TestOverlap">Samples of test episodes that reference episodes cover.</param>
/// <param name="TestDuration">Samples of test episodes, within the compared interval.</param>
public sealed record EpisodeComparison(string Record, RhythmEpisodeType Type, double SamplingFrequency,
    long MatchedReference, long MissedReference, long MatchedTest, long FalseTest,
    long ReferenceOverlap, long ReferenceDuration, long TestOverlap, long TestDuration)
{
    /// <summary>Episode sensitivity, %, or null without reference episodes.</summary>
    public double? EpisodeSensitivity => Percent(MatchedReference, MatchedReference + MissedReference);

    /// <summary>Episode positive predictivity, %, or null without test episodes.</summary>
    public double? EpisodePositivePredictivity => Percent(MatchedTest, MatchedTest + FalseTest);

    /// <summary>Duration sensitivity, %: the share of reference episode time the test covers.</summary>
    public double? DurationSensitivity => Percent(ReferenceOverlap, ReferenceDuration);

    /// <summary>Duration positive predictivity, %: the share of test episode time the reference covers.</summary>
    public double? DurationPositivePredictivity => Percent(TestOverlap, TestDuration);

    /// <summary>Reference episode time, seconds.</summary>
    public double ReferenceSeconds => ReferenceDuration / SamplingFrequency;

    /// <summary>Test episode time, seconds.</summary>
    public double TestSeconds => TestDuration / SamplingFrequency;

    private static double? Percent(long a, long b) => b <= 0 ? null : 100.0 * a / b;
}

/// <summary>
/// Gross episode statistics over records (EC57's "gross": counts and durations summed before dividing; durations in
/// seconds, since records may differ in rate).
/// </summary>
public sealed record EpisodeTotals(long MatchedReference, long MissedReference, long MatchedTest, long FalseTest,
    double ReferenceOverlapSeconds, double ReferenceSeconds, double TestOverlapSeconds, double TestSeconds)
{
    /// <summary>Sums the records' counts and durations.</summary>
    public static EpisodeTotals Of(IEnumerable<EpisodeComparison> records)
    {
        var list = records.ToList();
        return new(list.Sum(r => r.MatchedReference), list.Sum(r => r.MissedReference), list.Sum(r => r.MatchedTest), list.Sum(r => r.FalseTest),
            list.Sum(r => r.ReferenceOverlap / r.SamplingFrequency), list.Sum(r => r.ReferenceSeconds),
            list.Sum(r => r.TestOverlap / r.SamplingFrequency), list.Sum(r => r.TestSeconds));
    }

    /// <summary>Gross episode sensitivity, %.</summary>
    public double? EpisodeSensitivity => MatchedReference + MissedReference == 0 ? null : 100.0 * MatchedReference / (MatchedReference + MissedReference);

    /// <summary>Gross episode positive predictivity, %.</summary>
    public double? EpisodePositivePredictivity => MatchedTest + FalseTest == 0 ? null : 100.0 * MatchedTest / (MatchedTest + FalseTest);

    /// <summary>Gross duration sensitivity, %.</summary>
    public double? DurationSensitivity => ReferenceSeconds <= 0 ? null : 100.0 * ReferenceOverlapSeconds / ReferenceSeconds;

    /// <summary>Gross duration positive predictivity, %.</summary>
    public double? DurationPositivePredictivity => TestSeconds <= 0 ? null : 100.0 * TestOverlapSeconds / TestSeconds;
}

/// <summary>
/// Compares the rhythm episodes of a reference and a test annotation file exactly as WFDB's <c>epicmp</c> (10.7) does
/// for atrial fibrillation (<c>-A</c>): the same counts and durations, record by record.
/// </summary>
/// <remarks>
/// A port of <c>epicmp.c</c> (G. Moody; ANSI/AAMI EC38 and EC57). An episode runs from a rhythm change whose aux text
/// begins <c>(AFIB</c> (or <c>(AFL</c>) to the next rhythm change that does not; one still open at the end of the file
/// ends at the later of its last annotation and the record's end. Episodes ending in the first 5 minutes are skipped and
/// one that straddles minute 5 starts there. A reference episode is matched when any test episode overlaps it, and the
/// other way round. WFDB's quirks are kept on purpose, so that results equal <c>epicmp</c>'s: an episode that begins at
/// sample 0 reads as "no episode" while overlaps are sought, and a record of unknown length compares nothing.
/// </remarks>
public static class EpisodeComparator
{
    /// <summary>More exclusions than this and epicmp warns and stops adding them (its MAXEXCL).</summary>
    private const int MaxExclusions = 100;

    /// <summary>Compares one record's episodes of one type.</summary>
    /// <param name="record">The record's name.</param>
    /// <param name="reference">The reference annotations, in file order.</param>
    /// <param name="test">The test annotations, in file order.</param>
    /// <param name="samplingFrequency">The record's sampling frequency, Hz (epicmp assumes 250 when a header gives none).</param>
    /// <param name="sampleCount">The record's length in samples, or 0 when the header does not say.</param>
    /// <param name="type">Which episodes.</param>
    /// <param name="options">The compared interval and EC38's flutter exclusion.</param>
    public static EpisodeComparison Compare(string record, IReadOnlyList<Annotation> reference, IReadOnlyList<Annotation> test,
        double samplingFrequency, long sampleCount, RhythmEpisodeType type = RhythmEpisodeType.AtrialFibrillation, EpisodeComparisonOptions? options = null)
    {
        options ??= new EpisodeComparisonOptions();
        if (!(samplingFrequency > 0)) samplingFrequency = 250; // WFDB_DEFFREQ, as epicmp warns and assumes
        // strtim("5:0") and strtim of a time in seconds: the sample nearest the time.
        long start = (long)(options.StartSeconds * samplingFrequency + 0.5);
        long end = options.EndSeconds is double e ? (long)(e * samplingFrequency + 0.5) : sampleCount > 0 ? sampleCount : -1;
        if (end > 0 && end < start)
            throw new ArgumentException($"{record}: the comparison would end ({end} samples) before it starts ({start})", nameof(options));
        var pass = new Pass([reference, test], start, end);
        var (matchedReference, missedReference, referenceDuration, referenceOverlap) = pass.Run(0, type, []);
        var exclusions = options.ExcludeReferenceFlutter && type == RhythmEpisodeType.AtrialFibrillation ? pass.ReferenceFlutter() : [];
        var (matchedTest, falseTest, testDuration, testOverlap) = pass.Run(1, type, exclusions);
        return new EpisodeComparison(record, type, samplingFrequency, matchedReference, missedReference, matchedTest, falseTest,
            referenceOverlap, referenceDuration, testOverlap, testDuration);
    }

    /// <summary>epicmp's state: a read position in each annotation file, and each side's current episode.</summary>
    private sealed class Pass(IReadOnlyList<Annotation>[] files, long start, long end)
    {
        private readonly int[] _next = new int[2];
        private readonly long[] _episodeStart = new long[2];
        private readonly long[] _episodeEnd = new long[2];

        /// <summary>epicmp(stat, type): side <paramref name="a"/>'s episodes, each looked for on the other side.</summary>
        public (long Match, long Mismatch, long Duration, long Overlap) Run(int a, RhythmEpisodeType type, List<(long Start, long End)> exclusions)
        {
            int b = 1 - a;
            Rewind();
            long match = 0, mismatch = 0, totalDuration = 0, totalOverlap = 0;
            Array.Clear(_episodeStart);
            Array.Clear(_episodeEnd);
            do FindEpisode(a, type);
            while (0 < _episodeEnd[a] && _episodeEnd[a] < start);
            if (_episodeEnd[a] == 0) return (0, 0, 0, 0);
            if (_episodeStart[a] < start) _episodeStart[a] = start;
            FindEpisode(b, type);
            while (_episodeEnd[a] != 0 && (end == 0 || _episodeStart[a] < end))
            {
                if (end > 0 && _episodeEnd[a] > end) _episodeEnd[a] = end;
                long duration = _episodeEnd[a] - _episodeStart[a];
                foreach (var (exStart, exEnd) in exclusions)
                {
                    if (_episodeEnd[a] <= exStart) break;
                    if (exStart <= _episodeStart[a] && _episodeStart[a] <= exEnd)
                    {
                        if (_episodeEnd[a] <= exEnd) { duration = -1; break; }
                        duration -= _episodeStart[a] - exEnd;
                        _episodeStart[a] = exEnd;
                    }
                    else if (_episodeStart[a] <= exStart && exStart <= _episodeEnd[a])
                    {
                        if (exEnd < _episodeEnd[a]) duration -= exEnd - exStart;
                        else
                        {
                            duration -= _episodeEnd[a] - exStart;
                            _episodeEnd[a] = exStart;
                        }
                    }
                }
                // epicmp's minimum episode length is 0 unless -i is given: only excluded episodes (-1) are skipped.
                if (duration < 0)
                {
                    FindEpisode(a, type);
                    continue;
                }
                totalDuration += duration;
                long overlap = FindOverlap(b, type);
                if (overlap > 0)
                {
                    match++;
                    totalOverlap += overlap;
                }
                else mismatch++;
                FindEpisode(a, type);
            }
            return (match, mismatch, totalDuration, totalOverlap);
        }

        /// <summary>find_exclusions: the reference's atrial flutter episodes in the compared interval (epicmp -x).</summary>
        public List<(long Start, long End)> ReferenceFlutter()
        {
            var exclusions = new List<(long, long)>();
            Rewind();
            do FindEpisode(0, RhythmEpisodeType.AtrialFlutter);
            while (0 < _episodeEnd[0] && _episodeEnd[0] < start);
            while (0 < _episodeEnd[0] && (end == 0 || _episodeStart[0] < end))
            {
                if (exclusions.Count > MaxExclusions) break;
                exclusions.Add((_episodeStart[0], _episodeEnd[0]));
                FindEpisode(0, RhythmEpisodeType.AtrialFlutter);
            }
            return exclusions;
        }

        private void Rewind() => Array.Clear(_next);

        private bool Next(int side, out Annotation annotation)
        {
            var file = files[side];
            if (_next[side] >= file.Count) { annotation = null!; return false; }
            annotation = file[_next[side]++];
            return true;
        }

        private static bool Begins(Annotation a, RhythmEpisodeType type) =>
            a.Code == AnnotationCodes.RhythmChange && (a.Aux ?? "").StartsWith(type == RhythmEpisodeType.AtrialFibrillation ? "(AFIB" : "(AFL", StringComparison.Ordinal);

        /// <summary>find_episode: the side's next episode, or start and end 0 when there is none.</summary>
        private void FindEpisode(int side, RhythmEpisodeType type)
        {
            _episodeStart[side] = _episodeEnd[side] = 0;
            Annotation annotation;
            bool found = false;
            while (Next(side, out annotation))
                if (Begins(annotation, type)) { _episodeStart[side] = annotation.Sample; found = true; break; }
            if (!found) return;
            long last = annotation.Sample;
            while (Next(side, out annotation))
            {
                last = annotation.Sample;
                if (annotation.Code == AnnotationCodes.RhythmChange && !Begins(annotation, type))
                {
                    _episodeEnd[side] = annotation.Sample;
                    return;
                }
            }
            // Still open at the end of the file: it ends at the later of its last annotation and the interval's end.
            _episodeEnd[side] = end > last ? end : last;
        }

        /// <summary>find_overlap: samples of side <paramref name="b"/>'s episodes inside the other side's current episode.</summary>
        private long FindOverlap(int b, RhythmEpisodeType type)
        {
            int a = 1 - b;
            long overlap = 0;
            if (_episodeEnd[b] == 0) return overlap;
            while (_episodeEnd[b] < _episodeStart[a])
            {
                FindEpisode(b, type);
                if (_episodeStart[b] == 0) return overlap;
            }
            if (_episodeStart[b] > _episodeEnd[a]) return overlap;
            do
            {
                long from = _episodeStart[b] < _episodeStart[a] ? _episodeStart[a] : _episodeStart[b];
                long to = _episodeEnd[b] > _episodeEnd[a] ? _episodeEnd[a] : _episodeEnd[b];
                overlap += to - from;
                if (_episodeEnd[b] >= _episodeEnd[a]) break;
                FindEpisode(b, type);
            }
            while (0 < _episodeStart[b] && _episodeStart[b] < _episodeEnd[a]);
            return overlap;
        }
    }
}
