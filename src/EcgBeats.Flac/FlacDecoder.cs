using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EcgBeats.Wfdb;
using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Flac;

/// <summary>
/// WFDB format 508, 516 or 524: a FLAC stream of 8, 16 or 24 bits, one channel per signal, as libwfdb writes it
/// (signal.c's <c>flac_isopen</c>/<c>iflac_samples</c>). The format's most negative value marks an invalid sample.
/// </summary>
public sealed unsafe class FlacDecoder : ISignalFileDecoder
{
    /// <summary>A decoder for one of the FLAC formats.</summary>
    public FlacDecoder(int format)
    {
        if (!SignalCodecs.IsCompressed(format)) throw new ArgumentOutOfRangeException(nameof(format), format, "FLAC formats are 508, 516 and 524");
        Format = format;
        Bits = format - 500;
    }

    /// <inheritdoc/>
    public int Format { get; }

    /// <summary>Bits per sample: 8, 16 or 24.</summary>
    public int Bits { get; }

    /// <inheritdoc/>
    public long Frames(string path, int channels, int samplesPerFrame)
    {
        using var stream = Open(path, channels);
        ulong total = stream.TotalSamples;
        if (total == 0) // the stream info does not say: count by decoding
            total = (ulong)stream.DecodeAll(path);
        // The stream info is not trusted: a FLAC frame holds at most 65,535 samples per channel and takes at least 8
        // bytes, after the 42 of the stream's marker and info; a 42-byte file claiming 2e9 samples took gigabytes.
        long bytes = EcgBeats.Io.FileKinds.Target(path).Length;
        ulong most = ((ulong)Math.Max(0, bytes - 42) / 8 + 1) * 65_535;
        if (total > most)
            throw new WfdbFormatException(path, null, $"the FLAC stream claims {total:N0} samples per channel, more than its {bytes:N0} bytes can hold (at most {most:N0})");
        return (long)(total / (ulong)samplesPerFrame);
    }

    /// <inheritdoc/>
    public int[][] Read(string path, int channels, int samplesPerFrame, long firstFrame, long frames)
    {
        using var stream = Open(path, channels);
        long first = firstFrame * samplesPerFrame, count = frames * samplesPerFrame;
        var sink = new Sink(channels, count, Bits);
        stream.Target = sink;
        if (first > 0 && LibFlac.SeekAbsolute(stream.Decoder, (ulong)first) == 0)
            throw new WfdbFormatException(path, null, $"cannot seek to sample {first} of the FLAC stream (damaged, or shorter than its header says)");
        while (sink.Filled < count && !stream.Failed)
        {
            if (LibFlac.ProcessSingle(stream.Decoder) == 0 || LibFlac.State(stream.Decoder) == LibFlac.EndOfStream) break;
        }
        if (stream.Failed)
            throw new WfdbFormatException(path, null, $"the FLAC stream is damaged ({stream.Error}) at or before sample {first + sink.Filled}");
        if (sink.Filled < count)
            throw new WfdbFormatException(path, null, $"the FLAC stream ends after {first + sink.Filled} samples per channel; {first + count} were asked (truncated file?)");
        return sink.Channels;
    }

    private Stream_ Open(string path, int channels)
    {
        LibFlac.EnsureLoaded($"{path} (WFDB format {Format}, FLAC-compressed)");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: signal file does not exist", path);
        var stream = new Stream_(path);
        int got = stream.ChannelCount, bits = stream.BitsPerSample;
        if (got != channels)
        {
            stream.Dispose();
            throw new WfdbFormatException(path, null, $"the FLAC stream has {got} channels; its header gives {channels} signals in this file");
        }
        if (bits > Bits)
        {
            stream.Dispose();
            throw new WfdbFormatException(path, null, $"the FLAC stream has {bits}-bit samples; format {Format} holds {Bits}");
        }
        return stream;
    }

    /// <summary>Where decoded samples go: per channel, from the first asked, the invalid marker mapped.</summary>
    private sealed class Sink(int channels, long count, int bits)
    {
        public readonly int[][] Channels = Enumerable.Range(0, channels).Select(_ => new int[count]).ToArray();
        public long Filled;
        public readonly int Marker = -(1 << (bits - 1));

        public void Take(int** buffer, int blocksize, int channelCount)
        {
            int n = (int)Math.Min(blocksize, Channels[0].Length - Filled);
            for (int c = 0; c < channelCount && c < Channels.Length; c++)
            {
                int* source = buffer[c];
                int[] target = Channels[c];
                for (int i = 0; i < n; i++)
                {
                    int v = source[i];
                    target[Filled + i] = v == Marker ? SignalCodecs.InvalidSample : v;
                }
            }
            Filled += n;
        }
    }

    /// <summary>One open libFLAC decoder and the state its callbacks reach through a GC handle.</summary>
    private sealed class Stream_ : IDisposable
    {
        public readonly IntPtr Decoder;
        private GCHandle _self;
        public Sink? Target;
        public long Counted;
        public bool Failed;
        public int ChannelCount, BitsPerSample;
        public ulong TotalSamples;
        public string Error = "";

        public Stream_(string path)
        {
            Decoder = LibFlac.New();
            if (Decoder == IntPtr.Zero) throw new OutOfMemoryException("libFLAC could not create a stream decoder");
            _self = GCHandle.Alloc(this);
            IntPtr name = Marshal.StringToCoTaskMemUTF8(path);
            try
            {
                int status = LibFlac.InitFile(Decoder, (byte*)name, &Write, &OnMetadata, &OnError, GCHandle.ToIntPtr(_self));
                if (status != 0)
                {
                    Dispose();
                    throw new WfdbFormatException(path, null, $"libFLAC cannot open the file as a FLAC stream (init status {status})");
                }
            }
            finally { Marshal.FreeCoTaskMem(name); }
            if (LibFlac.ProcessMetadata(Decoder) == 0 || Failed || ChannelCount == 0)
            {
                Dispose();
                throw new WfdbFormatException(path, "byte 0", "not a FLAC stream (no valid stream header)");
            }
        }

        /// <summary>Decodes the whole stream, counting samples per channel.</summary>
        public long DecodeAll(string path)
        {
            while (LibFlac.State(Decoder) != LibFlac.EndOfStream && !Failed)
                if (LibFlac.ProcessSingle(Decoder) == 0) break;
            if (Failed) throw new WfdbFormatException(path, null, $"the FLAC stream is damaged ({Error})");
            return Counted;
        }

        // FLAC__Frame starts with its header: blocksize (uint32 at 0), sample_rate (4), channels (8).
        [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
        private static int Write(IntPtr decoder, IntPtr frame, int** buffer, IntPtr client)
        {
            var self = (Stream_)GCHandle.FromIntPtr(client).Target!;
            int blocksize = *(int*)frame, channels = *(int*)(frame + 8);
            self.Counted += blocksize;
            if (self.Target is { } sink)
            {
                if (sink.Filled >= sink.Channels[0].Length) return LibFlac.WriteAbort;
                sink.Take(buffer, blocksize, channels);
            }
            return LibFlac.WriteContinue;
        }

        // FLAC__StreamMetadata: type (int32 at 0; 0 is STREAMINFO), then the union at 16: min/max block size, min/max
        // frame size, sample rate (32), channels (36), bits per sample (40), total samples (uint64 at 48; 0 = unknown).
        [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
        private static void OnMetadata(IntPtr decoder, IntPtr metadata, IntPtr client)
        {
            var self = (Stream_)GCHandle.FromIntPtr(client).Target!;
            if (*(int*)metadata != 0) return;
            self.ChannelCount = *(int*)(metadata + 36);
            self.BitsPerSample = *(int*)(metadata + 40);
            self.TotalSamples = *(ulong*)(metadata + 48);
        }

        [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
        private static void OnError(IntPtr decoder, int status, IntPtr client)
        {
            var self = (Stream_)GCHandle.FromIntPtr(client).Target!;
            self.Failed = true;
            // FLAC__StreamDecoderErrorStatus, as WFDB's iflac_error names them.
            self.Error = status switch { 0 => "lost sync", 1 => "bad header", 2 => "frame CRC mismatch", 3 => "unparseable stream", _ => $"error {status}" };
        }

        public void Dispose()
        {
            if (Decoder != IntPtr.Zero)
            {
                LibFlac.Finish(Decoder);
                LibFlac.Delete(Decoder);
            }
            if (_self.IsAllocated) _self.Free();
        }
    }
}
