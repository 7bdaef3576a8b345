namespace EcgBeats.Wfdb;

/// <summary>A code the annotation file's own table names: its mnemonic and, when given, what it means.</summary>
/// <param name="Code">Annotation code 0..49.</param>
/// <param name="Mnemonic">The mnemonic, e.g. <c>X</c>.</param>
/// <param name="Description">What it means, or null when the table gives only the mnemonic.</param>
public sealed record AnnotationDefinition(int Code, string Mnemonic, string? Description);

/// <summary>What an annotation file holds, as libwfdb's <c>annopen</c>/<c>getann</c> read it.</summary>
/// <param name="Annotations">The annotations, positions in samples of the record's frame rate; the table's own NOTE rows are not among them.</param>
/// <param name="TimeResolution">The file's <c>## time resolution</c> in ticks per second, when it declares one; positions have been converted from it.</param>
/// <param name="Definitions">Codes the file's table names.</param>
/// <param name="Aha">True for an AHA-format file (16-byte records), false for the MIT format.</param>
public sealed record AnnotationFile(
    IReadOnlyList<Annotation> Annotations,
    double? TimeResolution,
    IReadOnlyList<AnnotationDefinition> Definitions,
    bool Aha);
