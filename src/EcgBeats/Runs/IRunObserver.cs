namespace EcgBeats.Runs;

/// <summary>What a <see cref="MainJob"/> says as it goes (the command line prints it; a notebook may log it or ignore it).</summary>
public interface IRunObserver
{
    /// <summary>A split was left out, and why.</summary>
    void SplitSkipped(string split, string why);

    /// <summary>A step's stamp matched: its output was read back instead of made (e.g. <c>intra: train cnn</c>).</summary>
    void UpToDate(string step);

    /// <summary>
    /// A step is being done by the other process sharing the run folder (<see cref="MainJob.Lanes"/> 2): this one waits,
    /// then reads it back (<see cref="UpToDate"/>).
    /// </summary>
    void Elsewhere(string step) { }

    /// <summary>A step starts.</summary>
    void Started(string step);

    /// <summary>A step finished, in <paramref name="elapsed"/>.</summary>
    void Done(string step, TimeSpan elapsed);
}
