using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Metrics;
using EcgBeats.Wfdb;

namespace EcgBeats.Benchmarks.Records;

/// <summary>
/// Not a timing benchmark: the accuracy behind the detector design choices in docs/records.md. Each
/// variant runs over lead 0 of every record in ECGBEATS_DATA and is scored beat by beat against the
/// reference (whole records, 150 ms); "within 3 samples" is the share of matched beats of each reference
/// class placed within 3 samples (8 ms at 360 Hz) of the annotation, which is where the beat cut starts.
/// Run: <c>ECGBEATS_DATA=../shared/mitdb dotnet run -c Release --project bench/EcgBeats.Benchmarks -- detector-variants</c>
/// </summary>
internal static class DetectorVariants
{
    public static void Run()
    {
        string dir = BenchData.MitDb;
        var variants = new (string Name, IQrsDetector Detector)[]
        {
            ("pantompkins1985 (5-15 Hz, order 1)", new PanTompkins1985Detector()),
            ("pantompkins1985, 5-15 Hz, order 2", new PanTompkins1985Detector(new PanTompkins1985Options(BandOrder: 2))),
            ("pantompkins1985, 5-11 Hz, order 1", new PanTompkins1985Detector(new PanTompkins1985Options(BandHighHz: 11))),
            ("elgendi2010", new Elgendi2010Detector()),
        };
        Console.WriteLine("| detector | missed | extra | Se | +P | within 3 samples: N | S | V | F | Q |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, detector) in variants)
        {
            var results = BenchData.Records(dir).AsParallel().AsOrdered().Select(record => Score(dir, record, detector)).ToList();
            var gross = BeatComparison.Sum(results.Select(r => r.Comparison));
            var placed = Enumerable.Range(0, AamiMapping.ClassCount)
                .Select(c => 100.0 * results.Sum(r => r.Close[c]) / Math.Max(1, results.Sum(r => r.Matched[c])));
            Console.WriteLine($"| {name} | {gross.QrsFalseNegatives} | {gross.QrsFalsePositives} | {gross.QrsSensitivity:0.00}% | {gross.QrsPositivePredictivity:0.00}% | "
                + string.Join(" | ", placed.Select(p => $"{p:0.0}%")) + " |");
        }
    }

    private static (BeatComparison Comparison, int[] Matched, int[] Close) Score(string dir, string name, IQrsDetector detector)
    {
        string path = Path.Combine(dir, name);
        var record = RecordReader.Read(path);
        var detected = detector.Detect(record.Physical(0), record.SamplingFrequency).ToArray();
        var reference = AnnotationReader.ReadFile(path + ".atr");
        var comparison = BeatByBeatComparator.Compare(name, reference,
            detected.Select(s => new Annotation(s, AnnotationCodes.Code("N"))).ToList(), record.SamplingFrequency, new BeatComparisonOptions(StartSeconds: 0), record.Length);

        // Placement: the nearest detection to each reference beat, when within the 150 ms window.
        int window = (int)Math.Round(0.15 * record.SamplingFrequency);
        var matched = new int[AamiMapping.ClassCount];
        var close = new int[AamiMapping.ClassCount];
        foreach (var beat in reference.Where(a => AamiMapping.IsBeat(a.Symbol)))
        {
            int at = Array.BinarySearch(detected, beat.Sample);
            if (at < 0) at = ~at;
            long distance = new[] { at - 1, at }.Where(k => k >= 0 && k < detected.Length).Select(k => Math.Abs(detected[k] - beat.Sample)).DefaultIfEmpty(long.MaxValue).Min();
            if (distance > window) continue;
            int c = (int)AamiMapping.Beats[beat.Symbol];
            matched[c]++;
            if (distance <= 3) close[c]++;
        }
        return (comparison, matched, close);
    }
}
