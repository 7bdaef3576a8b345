namespace EcgBeats.Beats;

/// <summary>
/// The five heartbeat classes of ANSI/AAMI EC57. The numeric values are the Kaggle labels
/// (N=0, S=1, V=2, F=3, Q=4).
/// </summary>
public enum AamiClass
{
    /// <summary>Normal and bundle-branch-block beats, escape beats (N L R e j).</summary>
    N = 0,
    /// <summary>Supraventricular ectopic beats (A a J S).</summary>
    S = 1,
    /// <summary>Ventricular ectopic beats (V E).</summary>
    V = 2,
    /// <summary>Fusion of ventricular and normal beats (F).</summary>
    F = 3,
    /// <summary>Unknown and paced beats (/ f Q).</summary>
    Q = 4,
}
