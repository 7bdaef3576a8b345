using EcgBeats.Classification;

namespace EcgBeats.Models;

/// <summary>What opening a model folder needs beyond the folder: the device, and a way to open the models it refers to.</summary>
/// <param name="Registry">The registry opening it.</param>
/// <param name="Device"><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (families that run elsewhere ignore it).</param>
/// <param name="Chain">The folders being opened, outermost first (full paths): an ensemble that appears in its own chain contains itself.</param>
/// <param name="Members">Gives a member already at hand (e.g. trained in this process) by its folder, or null to open it from disk.</param>
public sealed record ModelOpening(ModelRegistry Registry, string Device, IReadOnlyList<string> Chain, Func<string, IBeatClassifier?>? Members)
{
    /// <summary>Opens a model an ensemble refers to, refusing cycles.</summary>
    /// <exception cref="InvalidInputException">The member is one of the ensembles being opened (a cycle), or cannot be opened.</exception>
    public IBeatClassifier OpenMember(string folder) => Members?.Invoke(Path.GetFullPath(folder)) ?? Registry.Open(folder, this);
}
