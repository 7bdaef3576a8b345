using System.Buffers.Binary;
using EcgBeats.Io;

namespace EcgBeats.Wfdb;

/// <summary>
/// Writes MIT-format annotation files as the WFDB library's <c>putann</c> does, so PhysioNet's
/// tools read them and an unmodified file is reproduced byte for byte.
/// </summary>
public static class AnnotationWriter
{
    /// <summary>
    /// Encodes annotations (in time order) as the bytes of an annotation file. Codes given their own mnemonic
    /// (<see cref="Annotation.Mnemonic"/>) are named in a table at the start, as libwfdb's <c>put_ann_table</c> writes one.
    /// </summary>
    public static byte[] Encode(IEnumerable<Annotation> annotations)
    {
        var list = annotations as IReadOnlyList<Annotation> ?? annotations.ToList();
        var output = new List<byte>();
        long previousTime = 0;
        int chan = 0, num = 0;
        foreach (var a in Table(list).Concat(list))
        {
            if (a.Code > AnnotationCodes.MaxCode)
                throw new ArgumentException($"annotation at sample {a.Sample}: code {a.Code} is above {AnnotationCodes.MaxCode}");
            long delta = a.Sample - previousTime;
            if (a.Code == 0)
            {
                // A code-0 word with interval 0 would read as end of file: skip to one sample before.
                Skip(output, delta - 1);
                delta = 1;
            }
            else if (delta > AnnotationFormat.MaxInterval || delta < 0)
            {
                Skip(output, delta);
                delta = 0;
            }
            Word(output, (int)delta + (a.Code << 10));
            if (a.Subtype != 0) Word(output, (AnnotationFormat.Sub << 10) + (a.Subtype & AnnotationFormat.DataMask));
            if (a.Channel != chan) Word(output, (AnnotationFormat.Chn << 10) + (a.Channel & AnnotationFormat.DataMask));
            if (a.Number != num) Word(output, (AnnotationFormat.Num << 10) + (a.Number & AnnotationFormat.DataMask));
            if (!string.IsNullOrEmpty(a.Aux))
            {
                byte[] aux = System.Text.Encoding.Latin1.GetBytes(a.Aux);
                if (aux.Length > 255) throw new ArgumentException($"annotation at sample {a.Sample}: aux data longer than 255 bytes");
                Word(output, (AnnotationFormat.Aux << 10) + aux.Length);
                output.AddRange(aux);
                if ((aux.Length & 1) != 0) output.Add(0);
            }
            previousTime = a.Sample;
            chan = a.Channel;
            num = a.Number;
        }
        Word(output, 0);
        return output.ToArray();
    }

    /// <summary>The table rows for codes with their own mnemonic: NOTE annotations at time 0, then the null annotation that ends a table.</summary>
    private static IEnumerable<Annotation> Table(IReadOnlyList<Annotation> annotations)
    {
        var named = annotations.Where(a => a.Mnemonic is not null && a.Mnemonic != AnnotationCodes.Symbol(a.Code))
            .GroupBy(a => a.Code).OrderBy(g => g.Key).ToList();
        if (named.Count == 0) yield break;
        if (named.FirstOrDefault(g => g.Select(a => a.Mnemonic).Distinct().Count() > 1) is { } clash)
            throw new ArgumentException($"code {clash.Key} has two mnemonics: {string.Join(", ", clash.Select(a => a.Mnemonic).Distinct())}");
        yield return Row("## annotation type definitions");
        foreach (var code in named) yield return Row($"{code.Key} {code.First().Mnemonic} ");
        yield return Row("## end of definitions");
        yield return new Annotation(0, 0);

        static Annotation Row(string text) => new(0, AnnotationCodes.Note, Aux: text);
    }

    /// <summary>Writes an annotation file atomically (a temporary file renamed into place).</summary>
    public static void WriteFile(string path, IEnumerable<Annotation> annotations) =>
        AtomicFile.WriteAllBytes(path, Encode(annotations));

    private static void Word(List<byte> output, int word)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)word);
        output.Add(b[0]);
        output.Add(b[1]);
    }

    private static void Skip(List<byte> output, long interval)
    {
        Word(output, AnnotationFormat.Skip << 10);
        int value = checked((int)interval);
        Word(output, (value >> 16) & 0xFFFF);
        Word(output, value & 0xFFFF);
    }
}
