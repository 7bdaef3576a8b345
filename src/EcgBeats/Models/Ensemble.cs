using EcgBeats.Beats;
using EcgBeats.Classification;

namespace EcgBeats.Models;

/// <summary>
/// What every ensemble shares: its members (which it owns: disposing it disposes them), its card, and how it is saved
/// (a card naming the members' folders; the members stay in their own folders).
/// </summary>
public abstract class Ensemble : IBeatClassifier
{
    /// <summary>An ensemble of <paramref name="members"/> described by <paramref name="card"/>.</summary>
    /// <exception cref="ArgumentException">No members.</exception>
    protected Ensemble(IReadOnlyList<IBeatClassifier> members, ModelCard card)
    {
        // A copy: the caller may reuse its list.
        Members = members.Count > 0 ? [.. members] : throw new ArgumentException("an ensemble needs members", nameof(members));
        Card = card;
    }

    /// <summary>The members.</summary>
    public IReadOnlyList<IBeatClassifier> Members { get; }

    /// <inheritdoc />
    public string Name => Card.Model;

    /// <inheritdoc />
    public ModelCard Card { get; internal set; }

    /// <inheritdoc />
    public abstract ClassProbabilities Predict(UnlabelledBeats beats);

    /// <summary>Writes the card, naming each member's folder (relative to <paramref name="folder"/>) from <paramref name="memberFolders"/>.</summary>
    /// <exception cref="InvalidOperationException">A member has no folder.</exception>
    public void Save(string folder, IReadOnlyDictionary<string, string>? memberFolders = null)
    {
        string full = Path.GetFullPath(folder);
        var files = new Dictionary<string, string>();
        foreach (var member in Members)
        {
            string memberFolder = memberFolders?.GetValueOrDefault(member.Name)
                ?? throw new InvalidOperationException($"{Name}: no folder given for member {member.Name}; save the members first and name their folders");
            files["member:" + member.Name] = Path.GetRelativePath(full, Path.GetFullPath(memberFolder));
        }
        Directory.CreateDirectory(full);
        Card = Card with { Files = files };
        Card.Write(full);
    }

    /// <summary>Disposes the members.</summary>
    public void Dispose()
    {
        foreach (var member in Members) member.Dispose();
        GC.SuppressFinalize(this);
    }
}
