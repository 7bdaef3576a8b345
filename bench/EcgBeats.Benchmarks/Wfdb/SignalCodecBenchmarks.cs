using BenchmarkDotNet.Attributes;
using EcgBeats.Wfdb;
using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Benchmarks.Wfdb;

/// <summary>
/// Every format's decoder on the same 2.6 million values (MIT-BIH 100's two signals, 30 minutes, scaled to fit each
/// format), against the memory floor measured in the same run: copying the encoded bytes and writing the same number
/// of ints, which any decoder must at least do. A ratio near 1 means decoding is memory-bound.
/// </summary>
[MemoryDiagnoser]
public class SignalCodecBenchmarks
{
    [Params(8, 16, 24, 32, 61, 80, 160, 212, 310, 311)]
    public int Format { get; set; }

    private ISignalCodec _codec = null!;
    private byte[] _bytes = [];
    private byte[] _copy = [];
    private int[] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        var record = RecordReader.Read(Path.Combine(BenchData.MitDb, "100"));
        _codec = SignalCodecs.Get(Format);
        // Interleave the two signals; shrink to 8 or 10 bits where the format needs it (differences for format 8).
        int shift = _codec.Bits switch { 8 => 4, 10 => 2, _ => 0 };
        int[] values = new int[record.Length * 2];
        for (int i = 0; i < record.Length; i++)
            (values[2 * i], values[2 * i + 1]) = (record.Adc[0][i] - 1024 >> shift, record.Adc[1][i] - 1024 >> shift);
        if (_codec.IsDifference)
            for (int i = values.Length - 1; i >= 2; i--) values[i] = Math.Clamp(values[i] - values[i - 2], -128, 127);
        _bytes = new byte[_codec.WrittenByteCount(values.Length)];
        _codec.Encode(values, _bytes);
        _copy = new byte[_bytes.Length];
        _values = new int[values.Length];
    }

    /// <summary>The memory floor: read the encoded bytes once (as a copy) and write every output int once.</summary>
    [Benchmark(Baseline = true, Description = "copy bytes + fill ints (memory floor)")]
    public int Floor()
    {
        _bytes.AsSpan().CopyTo(_copy);
        _values.AsSpan().Fill(_copy[^1]);
        return _values[^1];
    }

    [Benchmark(Description = "codec Decode")]
    public int Decode()
    {
        _codec.Decode(_bytes, _values);
        return _values[^1];
    }
}
