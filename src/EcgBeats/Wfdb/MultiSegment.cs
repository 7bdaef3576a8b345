using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Wfdb;

/// <summary>
/// Multi-segment records (header(5)): a master header lists segments, each an ordinary record beside it or a gap
/// (<c>~</c>). Fixed layout: every segment has the record's signals, in order. Variable layout: the first segment, of
/// length 0, is a layout header naming the record's signals; each segment holds some of them (matched by description)
/// at its own gain and baseline, rescaled to the layout's as libwfdb's <c>sigmap</c> does, and a signal a segment lacks
/// reads as invalid. A window reads only the segments it overlaps.
/// </summary>
internal static class MultiSegment
{
    /// <summary>The master header with the record's signals: the layout header's, or the first real segment's.</summary>
    public static WfdbHeader Resolve(WfdbHeader master, string folder, string headerPath)
    {
        var segments = master.Segments!;
        var source = segments[0].Length == 0 ? segments[0]
            : segments.FirstOrDefault(s => s.Name != SegmentSpec.Gap)
              ?? throw new WfdbFormatException(headerPath, null, "every segment is a gap (~): the record has no signals to read");
        if (source.Name == SegmentSpec.Gap)
            throw new WfdbFormatException(headerPath, null, "the layout segment (the first, of length 0) must be a header, not a gap (~)");
        var header = SegmentHeader(folder, source.Name, headerPath);
        if (header.SignalCount != master.DeclaredSignalCount)
            throw new WfdbFormatException(headerPath, "line 1",
                $"declares {master.DeclaredSignalCount} signals, but {(segments[0].Length == 0 ? "its layout header" : "its first segment")} {source.Name} has {header.SignalCount}");
        long total = 0;
        foreach (var segment in segments)
            total = segment.Length <= long.MaxValue - total ? total + segment.Length
                : throw new WfdbFormatException(headerPath, null, $"its segment lengths add up to more than {long.MaxValue:N0} frames (segment {Io.Quote.Short(segment.Name)} of {segment.Length:N0}): no record is that long");
        // WFDB warns when the stated length differs from the segments' sum, and reads no further than the segments go: a
        // stated length past them is not frames of invalid samples (#25, rdsamp 10.7: 300 stated over 250 prints 250 rows).
        string? mismatch = master.SampleCount is { } stated && stated != total
            ? $"{headerPath}: the stated record length ({stated:N0}) does not match the sum of the segment lengths ({total:N0}); {(stated > total ? $"the record ends with its segments, at {total:N0}" : $"the record is read to the stated {stated:N0}")}, as WFDB does"
            : null;
        return master with
        {
            Signals = header.Signals,
            SampleCount = master.SampleCount is { } s && s < total ? s : total,
            Warnings = mismatch is null ? [] : [mismatch],
        };
    }

    /// <summary>Reads frames <c>start .. start + count</c> of a resolved multi-segment record.</summary>
    public static WfdbRecord Read(WfdbHeader header, string folder, string headerPath, long start, long count,
        Func<string, Stream>? openRead, SignalRate rate)
    {
        var segments = header.Segments!;
        bool variable = segments[0].Length == 0;
        int PerFrame(int s) => WfdbRecord.PerFrame(header, rate, s);
        // Declared lengths are not trusted before memory is taken for them: each segment the window reaches must hold
        // the frames the master gives it (a segment of 1e8 frames over a 5-minute file took 800 MB, then failed).
        long reach = 0, gapFrames = 0;
        foreach (var segment in segments)
        {
            long overlap = Math.Max(0, Math.Min(start + count, reach + segment.Length) - Math.Max(start, reach));
            if (segment.Name == SegmentSpec.Gap) gapFrames += overlap;
            else if (overlap > 0)
            {
                SegmentHeader(folder, segment.Name, headerPath); // refuses a segment that is itself multi-segment first
                long holds = RecordReader.Length(Path.Combine(folder, segment.Name));
                if (holds < segment.Length)
                    throw new WfdbFormatException(headerPath, null,
                        $"segment {Io.Quote.Short(segment.Name)} is {segment.Length:N0} frames long here, but its own header and signal files hold {holds:N0}");
            }
            reach += segment.Length;
        }
        // Gaps (~) hold no bytes either: like null signals, they take at most RecordReader.NullSampleBudget samples, or 4
        // times the frames real segments give.
        long perFrame = Enumerable.Range(0, header.SignalCount).Sum(s => (long)PerFrame(s));
        if (gapFrames * perFrame > Math.Max(RecordReader.NullSampleBudget, 4 * (count - gapFrames) * perFrame))
            throw new WfdbFormatException(headerPath, null,
                $"{gapFrames:N0} of the {count:N0} frames asked for are gaps (~) that no file holds, {gapFrames * perFrame:N0} samples (at most {RecordReader.NullSampleBudget:N0}, or 4 times the real segments'); read a shorter window of the record");
        var adc = new int[header.SignalCount][];
        for (int s = 0; s < adc.Length; s++) Array.Fill(adc[s] = new int[count * PerFrame(s)], SignalCodecs.InvalidSample);

        long segmentStart = 0;
        foreach (var segment in segments)
        {
            long from = Math.Max(start, segmentStart), to = Math.Min(start + count, segmentStart + segment.Length);
            if (from < to && segment.Name != SegmentSpec.Gap)
            {
                // The segment's header is checked before it is read: a segment that is itself multi-segment (or the
                // master header naming itself) would otherwise recurse without end.
                var segmentHeader = SegmentHeader(folder, segment.Name, headerPath);
                if (!variable && segmentHeader.SignalCount != header.SignalCount)
                    throw new WfdbFormatException(RecordPath.Header(Path.Combine(folder, segment.Name)), "line 1",
                        $"segment {segment.Name} has {segmentHeader.SignalCount} signals; a fixed-layout record's segments all have {header.SignalCount} (a variable-layout record starts with a layout header of length 0)");
                var part = RecordReader.Read(Path.Combine(folder, segment.Name), from - segmentStart, to - from, openRead, rate);
                for (int s = 0; s < adc.Length; s++)
                {
                    var target = header.Signals[s];
                    int i = variable ? FindByDescription(part.Header, target.Description) : s;
                    if (i < 0) continue; // the segment lacks this signal: invalid samples
                    var spec = part.Header.Signals[i];
                    if (spec.SamplesPerFrame != target.SamplesPerFrame)
                        throw new WfdbFormatException(RecordPath.Header(Path.Combine(folder, segment.Name)), null,
                            $"signal {i} ({spec.Description}) has {spec.SamplesPerFrame} samples per frame; the record's signal {s} has {target.SamplesPerFrame}");
                    int[] values = part.Adc[i];
                    long at = (from - start) * PerFrame(s);
                    if (variable) Rescale(values, spec, target, adc[s].AsSpan((int)at, values.Length));
                    else values.CopyTo(adc[s], at);
                }
            }
            segmentStart += segment.Length;
        }
        return new WfdbRecord(header, start, adc, rate);
    }

    /// <summary>Whether a segment holds the signal with this description (the first that does), or -1.</summary>
    private static int FindByDescription(WfdbHeader segment, string description)
    {
        for (int i = 0; i < segment.SignalCount; i++)
            if (segment.Signals[i].Description == description) return i;
        return -1;
    }

    /// <summary>
    /// libwfdb's <c>sigmap</c>: a segment's ADC value v in the layout's units, floor(v x scale + offset) with
    /// scale = layout gain / segment gain and offset = layout baseline - scale x segment baseline + 0.5 (halves round
    /// up), clamped to the sample range; invalid stays invalid.
    /// </summary>
    private static void Rescale(int[] values, SignalSpec from, SignalSpec to, Span<int> target)
    {
        if (from.Gain == to.Gain && from.Baseline == to.Baseline)
        {
            values.CopyTo(target);
            return;
        }
        double scale = to.Gain / from.Gain;
        double offset = to.Baseline - scale * from.Baseline + 0.5;
        for (int k = 0; k < values.Length; k++)
            target[k] = values[k] == SignalCodecs.InvalidSample ? SignalCodecs.InvalidSample
                : (int)Math.Clamp(Math.Floor(values[k] * scale + offset), int.MinValue, int.MaxValue);
    }

    private static WfdbHeader SegmentHeader(string folder, string name, string headerPath)
    {
        string path = Path.Combine(folder, name + ".hea");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: segment {name} named in {headerPath} has no header", path);
        var header = HeaderParser.ReadFile(path);
        if (header.Segments is not null)
            throw new WfdbFormatException(path, "line 1", "a segment of a multi-segment record is itself multi-segment");
        return header;
    }
}
