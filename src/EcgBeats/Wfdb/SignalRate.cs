namespace EcgBeats.Wfdb;

/// <summary>
/// How a record whose signals store several samples per frame (multi-frequency records, header format <c>16x4</c>)
/// is returned. Records with one sample per frame read the same in every mode.
/// </summary>
public enum SignalRate
{
    /// <summary>One sample per signal per frame: a signal with several averages them (floor of the rounded mean, invalid if any is), as WFDB's <c>getvec</c> and <c>rdsamp</c> do by default.</summary>
    FrameRate,

    /// <summary>Every signal at the highest rate of any: slower signals repeat samples, as WFDB's high-resolution mode and <c>rdsamp -H</c> do.</summary>
    HighestRate,

    /// <summary>Every signal at its own rate: <c>frames x samples-per-frame</c> samples each.</summary>
    OwnRate,
}
