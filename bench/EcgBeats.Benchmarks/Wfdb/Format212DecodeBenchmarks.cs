using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EcgBeats.Wfdb;
using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Benchmarks.Wfdb;

/// <summary>
/// Decoding the signals of all 48 MIT-BIH records (about 94 MB of format-212 data), against a
/// straightforward per-sample decoder measured in the same run.
/// </summary>
[Config(typeof(Columns))]
[MemoryDiagnoser]
public class Format212DecodeBenchmarks
{
    private sealed class Columns : ManualConfig
    {
        // Columns are computed in the host process: measure the input there too.
        public Columns() => AddColumn(new ThroughputColumn("MB/s", _ =>
            BenchData.Records(BenchData.MitDb).Sum(r => new FileInfo(Path.Combine(BenchData.MitDb, r + ".dat")).Length)));
    }

    private byte[][] _files = [];
    private int[][] _samples = [];
    private string _dir = "";
    private string[] _records = [];

    [GlobalSetup]
    public void Setup()
    {
        _dir = BenchData.MitDb;
        _records = BenchData.Records(_dir);
        _files = _records.Select(r => File.ReadAllBytes(Path.Combine(_dir, r + ".dat"))).ToArray();
        _samples = _files.Select(f => new int[f.Length / 3 * 2]).ToArray();
    }

    /// <summary>The baseline: a BinaryReader, one byte and one sample at a time, with a branch per sample.</summary>
    [Benchmark(Baseline = true, Description = "per-sample BinaryReader decoder (baseline)")]
    public long PerSample()
    {
        long sum = 0;
        for (int f = 0; f < _files.Length; f++)
        {
            using var reader = new BinaryReader(new MemoryStream(_files[f]));
            int[] output = _samples[f];
            int pending = 0;
            for (int i = 0; i < output.Length; i++)
            {
                int value;
                if (i % 2 == 0)
                {
                    int low = reader.ReadByte();
                    pending = reader.ReadByte();
                    value = low | (pending & 0x0F) << 8;
                }
                else
                {
                    int low = reader.ReadByte();
                    value = low | (pending & 0xF0) << 4;
                }
                if (value > 2047) value -= 4096;
                output[i] = value;
                sum += value;
            }
        }
        return sum;
    }

    private static readonly ISignalCodec Codec212 = SignalCodecs.Get(212);

    [Benchmark(Description = "format 212 codec Decode (in memory)")]
    public long Decode()
    {
        long sum = 0;
        for (int f = 0; f < _files.Length; f++)
        {
            Codec212.Decode(_files[f], _samples[f]);
            sum += _samples[f][^1];
        }
        return sum;
    }

    [Benchmark(Description = "RecordReader.Read (from disk, de-interleaved)")]
    public long ReadRecords()
    {
        long sum = 0;
        foreach (string record in _records)
            sum += RecordReader.Read(Path.Combine(_dir, record)).Adc[1][^1];
        return sum;
    }
}
