using EcgBeats.Wfdb;

namespace EcgBeats.Metrics;

/// <summary>How two annotation files are compared beat by beat; the defaults are ANSI/AAMI EC57's and WFDB <c>bxb</c>'s.</summary>
/// <param name="MatchWindowSeconds">A test beat matches a reference beat within this distance (EC57: 150 ms).</param>
/// <param name="StartSeconds">Beats before this time are not compared (EC57: the first 5 minutes are the
/// algorithm's learning period); 0 compares the whole record.</param>
/// <param name="EndSeconds">Compare until this time; null: the end of the record (or of the reference annotations when its length is unknown).</param>
/// <param name="Mapping">How beat codes map to classes: bxb's (escape beats are S) or de Chazal's (escape beats are N).</param>
public sealed record BeatComparisonOptions(double MatchWindowSeconds = 0.15, double StartSeconds = 300, double? EndSeconds = null,
    BeatClassMapping Mapping = BeatClassMapping.Bxb);

/// <summary>
/// Pairs the beats of a reference and a test annotation file exactly as WFDB's <c>bxb</c> (10.7) does, and counts the pairs
/// into a <see cref="BeatComparison"/>: the same matrix cells, statistics and RR-interval error, record by record.
/// </summary>
/// <remarks>
/// A port of <c>bxb.c</c> (G. Moody; ANSI/AAMI EC38 and EC57): both files are read in time order; the earlier of the
/// current reference beat T and test beat t is paired with the other when they lie within the match window and the pair
/// is the better match (the 2002 refinement for beats closer than twice the window); a beat left without a partner is
/// missed (o) or extra (O). Reference ventricular flutter episodes (<c>[</c> to <c>]</c>) are skipped and extra test beats
/// inside them are not counted; shutdown (a noise annotation <c>~</c> whose subtype has bits 4 and 5 set, until the next
/// noise annotation) gives X/x pseudo-beats. The comparison starts with the last test beat of the learning period, as bxb
/// does, and runs to the end of the record. Verified against bxb's own reports on all 48 MIT-BIH records
/// (tests/Fixtures/bxb/README.md).
/// </remarks>
public static class BeatByBeatComparator
{
    private const byte Noise = 14, VentricularFlutterOn = 32, VentricularFlutterOff = 33;
    private const long Huge = long.MaxValue;

    /// <summary>Compares the beats of one record.</summary>
    /// <param name="record">The record's name, for the result.</param>
    /// <param name="reference">Reference annotations (e.g. <c>atr</c>), in file order (time order).</param>
    /// <param name="test">Test annotations, in file order.</param>
    /// <param name="samplingFrequency">The record's sampling frequency, Hz (annotation times are in its samples).</param>
    /// <param name="options">Match window, compared interval, class mapping.</param>
    /// <param name="recordLength">The record's length in samples (its header's), or null when unknown.</param>
    public static BeatComparison Compare(string record, IReadOnlyList<Annotation> reference, IReadOnlyList<Annotation> test,
        double samplingFrequency, BeatComparisonOptions? options = null, long? recordLength = null) =>
        new Run(record, reference, test, samplingFrequency, options ?? new BeatComparisonOptions(), recordLength).Compare();

    /// <summary><c>strtim</c> of a time in seconds: samples, rounded as WFDB rounds.</summary>
    private static long Samples(double seconds, double samplingFrequency) => (long)(seconds * samplingFrequency + 0.5);

    /// <summary>One comparison: bxb's global state, kept per record.</summary>
    private sealed class Run
    {
        private readonly BeatComparison _result;
        private readonly BeatClassMapping _mapping;
        private readonly Reader _ref, _test;
        private readonly long _matchDt, _start, _endTime;
        private readonly double _fs;

        // Current (A, T) and next (Aprime, Tprime) reference beats; current (a, t) and next (aprime, tprime) test beats.
        private char A, Aprime, a, aprime;
        private long T, Tprime, t, tprime;
        private long _RR, _rr, _TT, _tt;
        private long _vfOnRef = -1, _vfOffRef = -1, _pvfOnRef = -1, _pvfOffRef = -1;
        private long _sdOnRef = -1, _sdOffRef = -1, _psdOnRef = -1, _psdOffRef = -1;
        private long _vfOnTest = -1, _vfOffTest = -1, _pvfOnTest = -1, _pvfOffTest = -1;
        private long _sdOnTest = -1, _sdOffTest = -1, _psdOnTest = -1, _psdOffTest = -1;
        private long _shutDown;

        public Run(string record, IReadOnlyList<Annotation> reference, IReadOnlyList<Annotation> test, double fs, BeatComparisonOptions options, long? length)
        {
            if (!(fs > 0)) throw new ArgumentOutOfRangeException(nameof(fs), fs, "the sampling frequency must be positive");
            _fs = fs;
            _result = new BeatComparison(record, fs);
            _mapping = options.Mapping;
            _ref = new Reader(reference);
            _test = new Reader(test);
            _matchDt = Samples(options.MatchWindowSeconds, fs);
            _start = Samples(options.StartSeconds, fs);
            _endTime = options.EndSeconds is double end ? Samples(end, fs) : length is > 0 ? length.Value : -1;
            if (_endTime > 0 && _endTime < _start) throw new ArgumentException($"the comparison would end ({_endTime}) before it starts ({_start})", nameof(options));
            _shutDown = Samples(0.5, fs); // rounds the shutdown time to whole seconds at the end
        }

        public BeatComparison Compare()
        {
            do GetRef(); while (T < _start);
            do GetTest(); while (tprime < _start);

            // The last test beat of the learning period may match the first reference beat after it.
            if (T - t < Math.Abs(T - tprime) && T - t <= _matchDt)
            {
                if (A != 0 || a != 0) Pair(A, a);
                GetRef();
                GetTest();
            }
            else
            {
                GetTest();
                if (t - _start <= _matchDt && Math.Abs(T - tprime) < Math.Abs(T - t)) GetTest();
            }

            while ((_endTime > 0 && (T <= _endTime || t <= _endTime)) || (_endTime == -1 && T != Huge) || (_endTime == 0 && T != Huge && t != Huge))
            {
                if (t < T)
                {
                    if (T - t <= _matchDt && (T - t < Math.Abs(T - tprime) || Math.Abs(Tprime - tprime) < Math.Abs(T - tprime)))
                    {
                        Pair(A, a);
                        GetRef();
                        GetTest();
                    }
                    else
                    {
                        Pair(ReferencePseudoBeat(t), a);
                        GetTest();
                    }
                }
                else
                {
                    if (t - T <= _matchDt && (t - T < Math.Abs(t - Tprime) || Math.Abs(tprime - Tprime) < Math.Abs(t - Tprime)))
                    {
                        Pair(A, a);
                        GetTest();
                        GetRef();
                    }
                    else
                    {
                        Pair(A, TestPseudoBeat(T));
                        GetRef();
                    }
                }
            }
            _result.ShutdownSeconds = _shutDown / (long)(_fs + 0.5);
            return _result;
        }

        private void Pair(char reference, char test)
        {
            _result.Add(reference, test);
            if (_RR > 0 && _rr > 0)
            {
                double error = _RR - _rr;
                _result.RrErrorSumOfSquares += error * error;
                _result.RrErrorCount++;
            }
        }

        private char Label(Annotation annotation) => BeatLabels.Label(annotation.Code, _mapping);

        /// <summary>bxb's getref: the next reference beat, skipping flutter episodes and noting shutdowns.</summary>
        private void GetRef()
        {
            _TT = T;
            T = Tprime;
            A = Aprime;
            _RR = _TT == 0 || T == Huge || (_TT <= _vfOnRef && _vfOnRef < T) || (_TT <= _sdOnRef && _sdOnRef < T) ||
                  (_TT <= _pvfOnRef && _pvfOnRef < T) || (_TT <= _psdOnRef && _psdOnRef < T) ? 0 : T - _TT;
            while (_ref.Next(out var annotation))
            {
                if (BeatLabels.IsBeat(annotation.Code))
                {
                    Tprime = annotation.Sample;
                    Aprime = Label(annotation);
                    return;
                }
                if (annotation.Code == Noise)
                {
                    if ((annotation.Subtype & 0x30) != 0x30) continue;
                    (_psdOnRef, _psdOffRef) = (_sdOnRef, _sdOffRef);
                    _sdOnRef = annotation.Sample;
                    if (!_ref.Next(out var next))
                    {
                        Tprime = _sdOffRef = Huge;
                        Aprime = '*';
                        return;
                    }
                    if (next.Code == Noise && (next.Subtype & 0x30) != 0x30) _sdOffRef = next.Sample;
                    else
                    {
                        _sdOnRef = _vfOffRef > T ? _vfOffRef + _matchDt : T + _matchDt;
                        _sdOffRef = next.Sample - _matchDt;
                        if (_sdOnRef > _sdOffRef) _sdOnRef = _sdOffRef;
                        _ref.PutBack();
                    }
                }
                else if (annotation.Code == VentricularFlutterOn)
                {
                    (_pvfOnRef, _pvfOffRef) = (_vfOnRef, _vfOffRef);
                    _vfOnRef = annotation.Sample;
                    Annotation off;
                    do
                    {
                        if (!_ref.Next(out off))
                        {
                            Tprime = Huge;
                            Aprime = '*';
                            return;
                        }
                    } while (off.Code != VentricularFlutterOff);
                    _vfOffRef = off.Sample;
                }
            }
            Tprime = Huge;
            Aprime = '*';
        }

        /// <summary>bxb's gettest: the next test beat, tallying the test's shutdown time.</summary>
        private void GetTest()
        {
            _tt = t;
            t = tprime;
            a = aprime;
            _rr = _tt == 0 || t == Huge || (_tt <= _vfOnTest && _vfOnTest < t) || (_tt <= _sdOnTest && _sdOnTest < t) ||
                  (_tt <= _pvfOnTest && _pvfOnTest < t) || (_tt <= _psdOnTest && _psdOnTest < t) ? 0 : t - _tt;
            while (_test.Next(out var annotation))
            {
                if (BeatLabels.IsBeat(annotation.Code))
                {
                    tprime = annotation.Sample;
                    aprime = Label(annotation);
                    return;
                }
                if (annotation.Code == Noise)
                {
                    if ((annotation.Subtype & 0x30) != 0x30) continue;
                    (_psdOnTest, _psdOffTest) = (_sdOnTest, _sdOffTest);
                    _sdOnTest = annotation.Sample;
                    if (!_test.Next(out var next))
                    {
                        tprime = Huge;
                        aprime = '*';
                        if (_endTime > 0) _shutDown += _endTime - _sdOnTest;
                        return;
                    }
                    if (next.Code == Noise && (next.Subtype & 0x30) != 0x30) _sdOffTest = next.Sample;
                    else
                    {
                        _sdOnTest = _vfOffTest > t ? _vfOffTest + _matchDt : t + _matchDt;
                        _sdOffTest = next.Sample - _matchDt;
                        if (_sdOnTest > _sdOffTest) _sdOnTest = _sdOffTest;
                        _test.PutBack();
                    }
                    _shutDown += _sdOffTest - _sdOnTest;
                }
                else if (annotation.Code == VentricularFlutterOn)
                {
                    (_pvfOnTest, _pvfOffTest) = (_vfOnTest, _vfOffTest);
                    _vfOnTest = annotation.Sample;
                    Annotation off;
                    do
                    {
                        if (!_test.Next(out off))
                        {
                            tprime = Huge;
                            aprime = '*';
                            return;
                        }
                    } while (off.Code != VentricularFlutterOff);
                    _vfOffTest = off.Sample;
                }
            }
            tprime = Huge;
            aprime = '*';
        }

        /// <summary>bxb's rpann: an extra test beat in reference flutter is not counted ('*'); in reference shutdown it pairs with X.</summary>
        private char ReferencePseudoBeat(long time)
        {
            if ((_vfOnRef != -1 && _vfOnRef <= time && (time <= _vfOffRef || _vfOffRef == -1)) ||
                (_pvfOnRef != -1 && _pvfOnRef <= time && time <= _pvfOffRef))
                return '*';
            if ((_sdOnRef != -1 && _sdOnRef <= time && (time <= _sdOffRef || _sdOffRef == -1)) ||
                (_psdOnRef != -1 && _psdOnRef <= time && time <= _psdOffRef))
                return 'X';
            return 'O';
        }

        /// <summary>bxb's tpann: a missed reference beat in test shutdown pairs with x.</summary>
        private char TestPseudoBeat(long time) =>
            (_sdOnTest != -1 && _sdOnTest <= time && (time <= _sdOffTest || _sdOffTest == -1)) ||
            (_psdOnTest != -1 && _psdOnTest <= time && time <= _psdOffTest)
                ? 'X' : 'O';
    }

    /// <summary>Reads an annotation list in order, with one step of push-back (WFDB's getann/ungetann).</summary>
    private sealed class Reader(IReadOnlyList<Annotation> annotations)
    {
        private int _next;

        public bool Next(out Annotation annotation)
        {
            if (_next >= annotations.Count)
            {
                annotation = null!;
                return false;
            }
            annotation = annotations[_next++];
            return true;
        }

        public void PutBack() => _next--;
    }
}
