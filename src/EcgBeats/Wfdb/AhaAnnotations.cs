using System.Buffers.Binary;

namespace EcgBeats.Wfdb;

/// <summary>
/// The AHA annotation format as libwfdb reads it (annot.c): 16-byte records, each a 0 byte, an AHA code letter, the
/// time (32 bits, high half first, each half little-endian), a serial number (16 bits), the MIT subtype (a signed
/// byte), a byte libwfdb puts in <c>chan</c> (the MIT code the writer started from) and 6 aux bytes; a 0xFF first byte
/// ends the file.
/// </summary>
internal static class AhaAnnotations
{
    private const int RecordBytes = 16;
    private const byte EndOfFile = 0xFF;

    /// <summary>
    /// AHA code letters and the MIT codes libwfdb maps them to (ecgmap.h's <c>ammap</c>); any other letter is NOTQRS (0).
    /// </summary>
    private static byte Map(int letter) => (char)letter switch
    {
        'E' => 10, 'F' => 6, 'N' => 1, 'O' => AnnotationCodes.Note, 'P' => 12, 'Q' => 13, 'R' => 41,
        'U' => 14, 'V' => 5, '[' => 32, ']' => 33, _ => 0,
    };

    /// <summary>
    /// <c>annopen</c>'s test: an AHA file begins with a 0 byte and a legal AHA code other than '[' or ']'; an MIT file
    /// cannot begin so.
    /// </summary>
    public static bool Recognise(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && bytes[0] == 0 && Map(bytes[1]) != 0 && bytes[1] is not ((byte)'[' or (byte)']');

    /// <summary>The annotations, positions as stored (ticks).</summary>
    public static List<Annotation> Parse(ReadOnlySpan<byte> bytes, string source)
    {
        var result = new List<Annotation>();
        for (int at = 0; ; at += RecordBytes)
        {
            if (at + 2 > bytes.Length)
                throw WfdbFormatException.AtByte(source, at, "AHA-format annotation file ends without its end mark (a 0xFF byte): truncated");
            if (bytes[at] == EndOfFile) return result;
            if (at + RecordBytes > bytes.Length)
                throw WfdbFormatException.AtByte(source, at, $"AHA-format annotation file ends inside a {RecordBytes}-byte record: truncated");
            var record = bytes.Slice(at, RecordBytes);
            int letter = record[1];
            long time = (long)BinaryPrimitives.ReadUInt16LittleEndian(record[2..]) << 16 | BinaryPrimitives.ReadUInt16LittleEndian(record[4..]);
            time = (int)time; // libwfdb's wfdb_g32 yields a signed 32-bit value
            int subtype = (sbyte)record[8];
            if (letter == 'U' && subtype == 0) subtype = -1; // unreadable: noise subtype -1
            int chan = record[9];
            // Up to 6 aux bytes, kept when the first is not NUL.
            string? aux = record[10] != 0 ? Annotation.AuxFromBytes(record.Slice(10, 6)) : null;
            if (result.Count == AnnotationReader.MaxAnnotations) throw AnnotationReader.TooMany(source, at);
            result.Add(new Annotation(time, Map(letter), subtype, chan, 0, aux));
        }
    }
}
