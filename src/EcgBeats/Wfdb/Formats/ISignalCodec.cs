namespace EcgBeats.Wfdb.Formats;

/// <summary>
/// One WFDB signal storage format (signal(5)): how a stream of sample values is packed into bytes. Pure: bytes in,
/// samples out. A signal file holds the values of its signals interleaved frame by frame; a codec sees only the
/// stream of values. Chosen by number from <see cref="SignalCodecs"/>.
/// </summary>
public interface ISignalCodec
{
    /// <summary>The format number a header names (e.g. 212).</summary>
    int Format { get; }

    /// <summary>Bits per stored value. The most negative value marks an invalid sample (except in format 8).</summary>
    int Bits { get; }

    /// <summary>The ADC resolution (bits) WFDB assumes when a header omits it: 8, 10, 12 or 16 where the format implies it, else WFDB's default 12.</summary>
    int DefaultResolution { get; }

    /// <summary>Values packed together (2 for format 212, 3 for 310 and 311, else 1): a read starts at a group boundary.</summary>
    int GroupValues { get; }

    /// <summary>Bytes of one whole group.</summary>
    int GroupBytes { get; }

    /// <summary>True for format 8, whose bytes are first differences added to the previous sample (the first to the header's initial value).</summary>
    bool IsDifference { get; }

    /// <summary>The fewest bytes that hold <paramref name="values"/> values from a group boundary (a partial last group included).</summary>
    long ByteCount(long values);

    /// <summary>The bytes WFDB's writer writes for <paramref name="values"/> values (it pads some partial groups further).</summary>
    long WrittenByteCount(long values) => ByteCount(values);

    /// <summary>How many whole values <paramref name="bytes"/> bytes hold from a group boundary.</summary>
    long ValueCount(long bytes);

    /// <summary>
    /// Decodes <c>values.Length</c> values from <paramref name="bytes"/> (from a group boundary; at least
    /// <see cref="ByteCount"/> bytes). A value that marks an invalid sample becomes <see cref="SignalCodecs.InvalidSample"/>,
    /// as WFDB's <c>getvec</c> returns it; format 8 gives its differences as stored.
    /// </summary>
    void Decode(ReadOnlySpan<byte> bytes, Span<int> values);

    /// <summary>
    /// Encodes <paramref name="values"/> into <see cref="WrittenByteCount"/> bytes; <see cref="SignalCodecs.InvalidSample"/>
    /// is written as the format's invalid marker.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit the format.</exception>
    void Encode(ReadOnlySpan<int> values, Span<byte> bytes);
}
