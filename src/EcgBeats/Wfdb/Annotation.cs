using System.Text;

namespace EcgBeats.Wfdb;

/// <summary>
/// One WFDB annotation.
/// </summary>
/// <param name="Sample">Where it is, in samples from the start of the record.</param>
/// <param name="Code">Annotation code 0..49 (<see cref="AnnotationCodes"/>).</param>
/// <param name="Subtype">The <c>subtyp</c> field (10 bits as stored).</param>
/// <param name="Channel">The <c>chan</c> field (10 bits as stored).</param>
/// <param name="Number">The <c>num</c> field (10 bits as stored).</param>
/// <param name="Aux">The aux bytes as stored, one char per byte (Latin-1), or null. MIT-BIH rhythm
/// changes store e.g. <c>"(N\0"</c>; <see cref="AuxText"/> drops the trailing NULs.</param>
public sealed record Annotation(long Sample, byte Code, int Subtype = 0, int Channel = 0, int Number = 0, string? Aux = null)
{
    /// <summary>The code's mnemonic, e.g. <c>N</c>, <c>V</c>, <c>+</c>.</summary>
    public string Symbol => AnnotationCodes.Symbol(Code);

    /// <summary>The aux text without trailing NULs (e.g. <c>(AFIB</c>), or null.</summary>
    public string? AuxText => Aux?.TrimEnd('\0');

    /// <summary>Makes an aux string from text as stored bytes (Latin-1).</summary>
    public static string AuxFromBytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
