namespace EcgBeats.Beats;

/// <summary>
/// Maps MIT-BIH beat annotation symbols to AAMI classes, as ANSI/AAMI EC57 and de Chazal et al.
/// (2004) do: N = N L R e j; S = A a J S; V = V E; F = F; Q = / f Q. Any other symbol (rhythm
/// changes, noise, artefacts, non-conducted P waves, flutter waves) is not a beat.
/// </summary>
public static class AamiMapping
{
    /// <summary>The number of AAMI classes.</summary>
    public const int ClassCount = 5;

    /// <summary>Every beat symbol with its class, in the order of PhysioNet's MIT-BIH table.</summary>
    public static IReadOnlyDictionary<string, AamiClass> Beats { get; } = new Dictionary<string, AamiClass>
    {
        ["N"] = AamiClass.N, ["L"] = AamiClass.N, ["R"] = AamiClass.N, ["e"] = AamiClass.N, ["j"] = AamiClass.N,
        ["A"] = AamiClass.S, ["a"] = AamiClass.S, ["J"] = AamiClass.S, ["S"] = AamiClass.S,
        ["V"] = AamiClass.V, ["E"] = AamiClass.V,
        ["F"] = AamiClass.F,
        ["/"] = AamiClass.Q, ["f"] = AamiClass.Q, ["Q"] = AamiClass.Q,
    };

    /// <summary>All classes in label order (N, S, V, F, Q).</summary>
    public static IReadOnlyList<AamiClass> Classes { get; } = [AamiClass.N, AamiClass.S, AamiClass.V, AamiClass.F, AamiClass.Q];

    /// <summary>The class of a beat symbol; false when the symbol is not a beat.</summary>
    public static bool TryMap(string symbol, out AamiClass aamiClass) => Beats.TryGetValue(symbol, out aamiClass);

    /// <summary>Whether the symbol is a beat annotation.</summary>
    public static bool IsBeat(string symbol) => Beats.ContainsKey(symbol);
}
