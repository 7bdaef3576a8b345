using EcgBeats.Classification;
using System.Globalization;
using EcgBeats.Beats;

namespace EcgBeats.Models;

/// <summary>Which member gives each class's probability, and by how much it is scaled.</summary>
/// <param name="Sources">Per class (N, S, V, F, Q), the member's name, or several joined by <c>+</c> (their mean probability).</param>
/// <param name="Factors">Per class, the factor its probability is multiplied by before the classes are renormalised (1: none).</param>
public sealed record ClassWiseSpec(IReadOnlyList<string> Sources, IReadOnlyList<double> Factors)
{
    /// <summary>Every class from <paramref name="member"/>, and <paramref name="overrides"/> (class -> member), with <paramref name="factors"/> (class -> factor).</summary>
    public static ClassWiseSpec From(string member, IReadOnlyDictionary<AamiClass, string>? overrides = null, IReadOnlyDictionary<AamiClass, double>? factors = null) =>
        new(AamiMapping.Classes.Select(c => overrides?.GetValueOrDefault(c) ?? member).ToList(),
            AamiMapping.Classes.Select(c => factors?.GetValueOrDefault(c, 1.0) ?? 1.0).ToList());

    /// <summary>The members whose mean probability gives class <paramref name="c"/> (one, or several joined by <c>+</c>).</summary>
    public IReadOnlyList<string> MembersOf(int c) => Sources[c].Split('+');

    /// <summary>Every member named, each once, in the order first named.</summary>
    public IReadOnlyList<string> MemberNames => Enumerable.Range(0, Sources.Count).SelectMany(MembersOf).Distinct().ToList();

    /// <summary>As text for a card, e.g. <c>N:gbt S:ann+logregx2 V:gbt F:gbt Q:gbt</c>.</summary>
    public override string ToString() => string.Join(" ", AamiMapping.Classes.Select((c, i) =>
        $"{c}:{Sources[i]}{(Factors[i] != 1 ? "x" + Factors[i].ToString(CultureInfo.InvariantCulture) : "")}"));

    /// <summary>Reads <see cref="ToString"/>'s text back.</summary>
    /// <exception cref="FormatException">Not five <c>CLASS:MEMBER[+MEMBER...][xFACTOR]</c> items in class order.</exception>
    public static ClassWiseSpec Parse(string text)
    {
        var items = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (items.Length != AamiMapping.ClassCount) throw new FormatException($"'{text}': expected one CLASS:MEMBER item per class");
        var sources = new List<string>();
        var factors = new List<double>();
        for (int i = 0; i < items.Length; i++)
        {
            var parts = items[i].Split(':');
            if (parts.Length != 2 || parts[0] != AamiMapping.Classes[i].ToString()) throw new FormatException($"'{items[i]}': expected {AamiMapping.Classes[i]}:MEMBER");
            var member = parts[1].Split('x');
            if (member[0].Split('+').Any(string.IsNullOrEmpty)) throw new FormatException($"'{items[i]}': expected MEMBER or MEMBER+MEMBER after {AamiMapping.Classes[i]}:");
            sources.Add(member[0]);
            factors.Add(member.Length > 1 ? double.Parse(member[1], CultureInfo.InvariantCulture) : 1.0);
        }
        return new ClassWiseSpec(sources, factors);
    }
}

/// <summary>
/// Combines specialists: each class's probability comes from the member that recognises that class best in new patients
/// (for example S from a linear model on the rhythm, the rest from boosted trees), or from the mean of several members
/// (a steadier estimate than either alone), optionally scaled (a decision threshold), then the five are renormalised. The choice of members and factors is the ensemble's hyper-parameter, made on DS1 alone
/// (docs/inter-patient.md). It owns its members: disposing it disposes them.
/// </summary>
public sealed class ClassWiseEnsemble : Ensemble
{
    private readonly int[][] _source;

    /// <summary>Combines <paramref name="members"/> as <paramref name="spec"/> says.</summary>
    /// <exception cref="InvalidInputException">The spec names a member that is not among them, or a factor that is not positive.</exception>
    public ClassWiseEnsemble(IReadOnlyList<IBeatClassifier> members, ClassWiseSpec spec, ModelCard card) : base(members, card)
    {
        Spec = spec;
        _source = Enumerable.Range(0, spec.Sources.Count).Select(c => spec.MembersOf(c).Select(name =>
        {
            int at = members.ToList().FindIndex(m => m.Name == name);
            return at >= 0 ? at : throw new InvalidInputException($"class-wise ensemble: no member named '{name}' (members: {string.Join(", ", members.Select(m => m.Name))})");
        }).ToArray()).ToArray();
        if (spec.Factors.Any(f => !(f > 0) || !double.IsFinite(f))) throw new InvalidInputException($"class-wise ensemble: factors must be positive ({spec})");
    }

    /// <summary>Which member gives each class, and its factor.</summary>
    public ClassWiseSpec Spec { get; }

    /// <summary>Per class, the indices of the members whose mean gives it.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Sources => _source;

    /// <inheritdoc />
    public override ClassProbabilities Predict(UnlabelledBeats beats)
    {
        Card.CheckInput(beats, "beats");
        return Combine(Members.Select(m => m.Predict(beats)).ToList(), _source, Spec.Factors);
    }

    /// <summary>Class c's probability, the mean over members <paramref name="source"/>[c], times <paramref name="factors"/>[c], renormalised per beat.</summary>
    public static ClassProbabilities Combine(IReadOnlyList<ClassProbabilities> members, IReadOnlyList<IReadOnlyList<int>> source, IReadOnlyList<double> factors)
    {
        int classes = members[0].ClassCount, count = members[0].Count;
        var values = new float[count * classes];
        for (int i = 0; i < count; i++)
        {
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                double mean = 0;
                foreach (int m in source[c]) mean += members[m].Row(i)[c];
                sum += values[i * classes + c] = (float)(mean / source[c].Count * factors[c]);
            }
            for (int c = 0; c < classes; c++)
                values[i * classes + c] = sum > 0 ? (float)(values[i * classes + c] / sum) : 1f / classes;
        }
        return new ClassProbabilities(values, classes);
    }
}
