namespace EcgBeats.Wfdb.Formats;

/// <summary>
/// A format whose signal files are whole compressed streams rather than packed values: WFDB's FLAC formats 508, 516
/// and 524 (8, 16 and 24 bits). One stream channel per signal of the group, each channel's samples in order
/// (frame f, sample k of a signal with s samples per frame is channel sample f x s + k). Decoders live outside the core
/// (the EcgBeats.Flac package) and join the table with <see cref="SignalCodecs.Register"/>.
/// </summary>
public interface ISignalFileDecoder
{
    /// <summary>The format number (508, 516 or 524).</summary>
    int Format { get; }

    /// <summary>Frames the file holds (its channel length divided by the samples per frame).</summary>
    /// <exception cref="WfdbFormatException">The file is not such a stream, or its channel count is not <paramref name="channels"/>.</exception>
    long Frames(string path, int channels, int samplesPerFrame);

    /// <summary>
    /// Frames <c>firstFrame .. firstFrame + frames</c> of each channel: <c>frames x samplesPerFrame</c> values per channel,
    /// the format's invalid marker as <see cref="SignalCodecs.InvalidSample"/>.
    /// </summary>
    /// <exception cref="WfdbFormatException">The stream is damaged or ends early (the message names the file).</exception>
    int[][] Read(string path, int channels, int samplesPerFrame, long firstFrame, long frames);
}
