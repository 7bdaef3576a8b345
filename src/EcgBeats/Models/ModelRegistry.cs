using EcgBeats.Classification;

namespace EcgBeats.Models;

/// <summary>
/// The model kinds and how to open any saved model folder, keyed by the framework its card names. Built once from the
/// families a program references (the ensembles are always in):
/// <code>var models = new ModelRegistry(TorchModels.Family, ClassicalModels.Family);
/// using var model = models.Open("runs/latest/inter/models/cnn");</code>
/// </summary>
public sealed class ModelRegistry
{
    private readonly Dictionary<string, IModelFamily> _byFramework;

    /// <summary>A registry of <paramref name="families"/> and the ensembles.</summary>
    /// <exception cref="ArgumentException">Two families claim one framework, or two kinds one name.</exception>
    public ModelRegistry(params IModelFamily[] families)
    {
        Families = [.. families, Ensembles.Family];
        _byFramework = new Dictionary<string, IModelFamily>(StringComparer.Ordinal);
        foreach (var family in Families)
            if (!_byFramework.TryAdd(family.Framework, family)) throw new ArgumentException($"two families for framework {family.Framework}", nameof(families));
        Kinds = Families.SelectMany(f => f.Kinds).ToList();
        var duplicate = Kinds.GroupBy(k => k.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two kinds named {duplicate.Key}", nameof(families));
    }

    /// <summary>The families, the ensembles last.</summary>
    public IReadOnlyList<IModelFamily> Families { get; }

    /// <summary>Every kind, family by family, in registry order.</summary>
    public IReadOnlyList<ModelKind> Kinds { get; }

    /// <summary>The kinds of one family.</summary>
    public IReadOnlyList<ModelKind> KindsOf(string family) => Kinds.Where(k => k.Family == family).ToList();

    /// <summary>The kind of a name, or null.</summary>
    public ModelKind? Find(string name) => Kinds.FirstOrDefault(k => k.Name == name);

    /// <summary>Where a model of this name comes in registry order (a name such as <c>ensemble-voting-hard</c> sorts with its kind); unknown names last.</summary>
    public int OrderOf(string name)
    {
        int best = -1, length = -1;
        for (int i = 0; i < Kinds.Count; i++)
            if ((name == Kinds[i].Name || name.StartsWith(Kinds[i].Name + "-", StringComparison.Ordinal)) && Kinds[i].Name.Length > length)
                (best, length) = (i, Kinds[i].Name.Length);
        return best < 0 ? Kinds.Count : best;
    }

    /// <summary>Opens any saved model folder: deep, classical or ensemble, by its card's framework.</summary>
    /// <param name="folder">The model folder.</param>
    /// <param name="device"><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</param>
    /// <param name="members">Gives an ensemble member already at hand by its folder (full path), or null to open it from disk.</param>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="InvalidInputException">Not a model folder, a framework no family here runs, a damaged file, or an ensemble that contains itself.</exception>
    public IBeatClassifier Open(string folder, string device = "cpu", Func<string, IBeatClassifier?>? members = null) =>
        Open(folder, new ModelOpening(this, device, [], members));

    internal IBeatClassifier Open(string folder, ModelOpening opening)
    {
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"{folder}: no such model folder");
        if (opening.Chain.Contains(full, StringComparer.Ordinal))
            throw new InvalidInputException($"{Path.Combine(opening.Chain[^1], ModelCard.FileName)}: the ensemble contains itself ({string.Join(" -> ", opening.Chain.Append(full))})");
        var card = ModelCard.Read(full);
        card.CheckFiles(full);
        if (!_byFramework.TryGetValue(card.Framework, out var family))
            throw new InvalidInputException($"{Path.Combine(full, ModelCard.FileName)}: framework '{Io.Quote.Short(card.Framework)}' is not one this program runs ({string.Join(", ", _byFramework.Keys)})");
        if (!family.ModelNames.Contains(card.Model))
            throw new InvalidInputException($"{Path.Combine(full, ModelCard.FileName)}: model '{Io.Quote.Short(card.Model)}' is not a {family.Name} model kind ({string.Join(", ", family.ModelNames)})");
        return family.Open(full, card, opening with { Chain = [.. opening.Chain, full] });
    }
}
