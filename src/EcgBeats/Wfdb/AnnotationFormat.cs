namespace EcgBeats.Wfdb;

/// <summary>
/// Constants of the MIT annotation format (annot(5)): a stream of 16-bit little-endian words,
/// each a 6-bit code (high bits) and 10 bits of data; codes 59-63 are pseudo-annotations.
/// </summary>
internal static class AnnotationFormat
{
    public const int Skip = 59;   // next 4 bytes: a 32-bit interval (high word first)
    public const int Num = 60;    // data = num of the annotation before
    public const int Sub = 61;    // data = subtyp of the annotation before
    public const int Chn = 62;    // data = chan of the annotation before
    public const int Aux = 63;    // data = aux length in bytes; the bytes follow, padded to even
    public const int DataMask = 0x3FF;
    public const int MaxInterval = 1023;
}
