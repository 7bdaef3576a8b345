namespace EcgBeats.Wfdb;

/// <summary>
/// WFDB annotation codes (ecgcodes.h) and their mnemonics, e.g. 1 = <c>N</c>, 5 = <c>V</c>,
/// 28 = <c>+</c> (rhythm change, with the rhythm in the aux text).
/// </summary>
public static class AnnotationCodes
{
    /// <summary>Highest annotation code (ACMAX).</summary>
    public const int MaxCode = 49;

    /// <summary>Comment annotation (NOTE, <c>"</c>); at time 0, the file's own table rows.</summary>
    public const byte Note = 22;

    /// <summary>Rhythm change; the aux text names the new rhythm, e.g. <c>(AFIB</c>.</summary>
    public const byte RhythmChange = 28;

    private static readonly string[] Symbols =
    [
        " ", "N", "L", "R", "a", "V", "F", "J", "A", "S",       // 0-9
        "E", "j", "/", "Q", "~", "[15]", "|", "[17]", "s", "T", // 10-19
        "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u",      // 20-29
        "?", "!", "[", "]", "e", "n", "@", "x", "f", "(",       // 30-39
        ")", "r", "[42]", "[43]", "[44]", "[45]", "[46]", "[47]", "[48]", "[49]", // 40-49
    ];

    private static readonly string[] Descriptions =
    [
        "not a QRS", "Normal beat", "Left bundle branch block beat", "Right bundle branch block beat",
        "Aberrated atrial premature beat", "Premature ventricular contraction", "Fusion of ventricular and normal beat",
        "Nodal (junctional) premature beat", "Atrial premature beat", "Supraventricular premature or ectopic beat",
        "Ventricular escape beat", "Nodal (junctional) escape beat", "Paced beat", "Unclassifiable beat",
        "Change in signal quality", "", "Isolated QRS-like artifact", "", "ST segment change", "T-wave change",
        "Systole", "Diastole", "Comment annotation", "Measurement annotation", "P-wave peak",
        "Bundle branch block beat (unspecified)", "(Non-captured) pacemaker artifact", "T-wave peak", "Rhythm change",
        "U-wave peak", "Beat not classified during learning", "Ventricular flutter wave",
        "Start of ventricular flutter/fibrillation", "End of ventricular flutter/fibrillation", "Atrial escape beat",
        "Supraventricular escape beat", "Link to external data", "Non-conducted P-wave (blocked APC)",
        "Fusion of paced and normal beat", "Waveform onset", "Waveform end", "R-on-T premature ventricular contraction",
        "", "", "", "", "", "", "", "",
    ];

    private static readonly Dictionary<string, byte> Codes =
        Symbols.Select((s, i) => (s, i)).Where(p => p.i > 0).ToDictionary(p => p.s, p => (byte)p.i);

    /// <summary>The mnemonic of a code (0..49), e.g. <c>N</c>.</summary>
    public static string Symbol(int code) =>
        code is >= 0 and <= MaxCode ? Symbols[code] : throw new ArgumentOutOfRangeException(nameof(code), code, "annotation codes run 0..49");

    /// <summary>What a code means, e.g. 5 = "Premature ventricular contraction" (empty for unassigned codes).</summary>
    public static string Description(int code) =>
        code is >= 0 and <= MaxCode ? Descriptions[code] : throw new ArgumentOutOfRangeException(nameof(code), code, "annotation codes run 0..49");

    /// <summary>The code of a mnemonic, e.g. <c>V</c> -> 5; false when none has it.</summary>
    public static bool TryCode(string symbol, out byte code) => Codes.TryGetValue(symbol, out code);

    /// <summary>The code of a mnemonic.</summary>
    public static byte Code(string symbol) =>
        TryCode(symbol, out byte code) ? code : throw new ArgumentException($"'{symbol}' is not a WFDB annotation mnemonic", nameof(symbol));
}
