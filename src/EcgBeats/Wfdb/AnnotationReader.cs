using System.Buffers.Binary;

namespace EcgBeats.Wfdb;

/// <summary>
/// Reads MIT-format annotation files (<c>.atr</c> and the like), every code included: SKIP, NUM,
/// SUB, CHN and AUX. As in the WFDB library, <c>num</c> and <c>chan</c> carry over from one
/// annotation to the next, <c>subtyp</c> and aux do not.
/// </summary>
public static class AnnotationReader
{
    /// <summary>Reads an annotation file.</summary>
    /// <exception cref="WfdbFormatException">The file is malformed or ends mid-record; the message names the byte.</exception>
    public static IReadOnlyList<Annotation> ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such annotation file", path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of an annotation file; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<Annotation> Parse(ReadOnlySpan<byte> bytes, string source)
    {
        var result = new List<Annotation>();
        Annotation? current = null;
        long time = 0;
        int chan = 0, num = 0;
        int at = 0;
        while (true)
        {
            if (at + 2 > bytes.Length)
                throw WfdbFormatException.AtByte(source, at, at == bytes.Length
                    ? "the file ends without the end-of-file word (0x0000): truncated"
                    : "the file ends in the middle of a 2-byte word: truncated");
            int word = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
            int wordAt = at;
            at += 2;
            if (word == 0) break;
            int code = word >> 10, data = word & AnnotationFormat.DataMask;
            switch (code)
            {
                case AnnotationFormat.Skip:
                    if (at + 4 > bytes.Length)
                        throw WfdbFormatException.AtByte(source, at, "the file ends inside a SKIP interval: truncated");
                    // PDP-11 order: the high 16 bits first, each half little-endian.
                    int high = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
                    int low = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 2)..]);
                    time += (high << 16) | low;
                    at += 4;
                    break;
                case AnnotationFormat.Num:
                    num = data;
                    current = Modify(current, wordAt, "NUM") with { Number = data };
                    break;
                case AnnotationFormat.Chn:
                    chan = data;
                    current = Modify(current, wordAt, "CHN") with { Channel = data };
                    break;
                case AnnotationFormat.Sub:
                    current = Modify(current, wordAt, "SUB") with { Subtype = data };
                    break;
                case AnnotationFormat.Aux:
                    int length = data & 0xFF;
                    int padded = (length + 1) & ~1;
                    if (at + padded > bytes.Length)
                        throw WfdbFormatException.AtByte(source, at, $"the file ends inside {length} bytes of aux data: truncated");
                    current = Modify(current, wordAt, "AUX") with { Aux = Annotation.AuxFromBytes(bytes.Slice(at, length)) };
                    at += padded;
                    break;
                default:
                    if (code > AnnotationCodes.MaxCode)
                        throw WfdbFormatException.AtByte(source, wordAt, $"code {code} is neither an annotation (0..49) nor a pseudo-annotation (59..63)");
                    if (current is not null) result.Add(current);
                    time += data;
                    current = new Annotation(time, (byte)code, 0, chan, num);
                    break;
            }
        }
        if (current is not null) result.Add(current);
        return result;

        Annotation Modify(Annotation? annotation, int offset, string what) =>
            annotation ?? throw WfdbFormatException.AtByte(source, offset, $"{what} modifier before any annotation");
    }
}
