using System.Text;

namespace EcgBeats.Wfdb;

/// <summary>
/// One WFDB annotation.
/// </summary>
/// <param name="Sample">Where it is, in samples from the start of the record.</param>
/// <param name="Code">Annotation code 0..49 (<see cref="AnnotationCodes"/>).</param>
/// <param name="Subtype">The <c>subtyp</c> field, -128..127 as libwfdb holds it (a signed char: a stored 1023 reads as -1).</param>
/// <param name="Channel">The <c>chan</c> field, 0..255 as libwfdb holds it (an unsigned char).</param>
/// <param name="Number">The <c>num</c> field, -128..127 as libwfdb holds it (a signed char).</param>
/// <param name="Aux">The aux bytes as stored, one char per byte (Latin-1), or null. MIT-BIH rhythm
/// changes store e.g. <c>"(N\0"</c>; <see cref="AuxText"/> drops the trailing NULs.</param>
/// <param name="Mnemonic">The mnemonic the file's own annotation table gives this code (e.g. <c>X</c> for code 42), or null for the standard one.</param>
public sealed record Annotation(long Sample, byte Code, int Subtype = 0, int Channel = 0, int Number = 0, string? Aux = null, string? Mnemonic = null)
{
    /// <summary>The code's mnemonic, e.g. <c>N</c>, <c>V</c>, <c>+</c>: the file's own when its table defines one.</summary>
    public string Symbol => Mnemonic ?? AnnotationCodes.Symbol(Code);

    /// <summary>The aux text without trailing NULs (e.g. <c>(AFIB</c>), or null.</summary>
    public string? AuxText => Aux?.TrimEnd('\0');

    /// <summary>Makes an aux string from text as stored bytes (Latin-1).</summary>
    public static string AuxFromBytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
