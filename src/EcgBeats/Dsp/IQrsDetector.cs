namespace EcgBeats.Dsp;

/// <summary>Finds the QRS complexes (heartbeats) of a continuous single-lead ECG.</summary>
public interface IQrsDetector
{
    /// <summary>A short name for cards and reports, e.g. <c>pantompkins1985</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The R peaks of <paramref name="signal"/>, in samples from its start, ascending, at least one
    /// refractory period apart.
    /// </summary>
    /// <param name="signal">One lead, any units (mV or ADC; only shapes and ratios matter), NaN-free.</param>
    /// <param name="samplingFrequency">Its sampling frequency, Hz (any rate from about 100 Hz up).</param>
    IReadOnlyList<long> Detect(double[] signal, double samplingFrequency);
}

/// <summary>The QRS detectors by name, for command lines and cards.</summary>
public static class QrsDetectors
{
    /// <summary>
    /// Every detector's name; the first is the default. Elgendi 2010 is the default since #23: over MIT-BIH's 48 records
    /// at 360, 250 and 128 Hz it misses fewer beats and finds fewer false ones than WFDB's <c>gqrs</c>, where
    /// Pan-Tompkins finds about twice gqrs's false beats (docs/records.md).
    /// </summary>
    public static IReadOnlyList<string> Names { get; } = ["elgendi2010", "pantompkins1985"];

    /// <summary>The default detector (<see cref="Names"/>' first).</summary>
    public static IQrsDetector Default() => Create(Names[0]);

    /// <summary>The detector of a name, with its paper's settings.</summary>
    /// <exception cref="InvalidInputException">No detector has that name.</exception>
    public static IQrsDetector Create(string name) => name switch
    {
        "pantompkins1985" => new PanTompkins1985Detector(),
        "elgendi2010" => new Elgendi2010Detector(),
        _ => throw new InvalidInputException($"detector '{name}': expected {string.Join(" or ", Names)}"),
    };
}
