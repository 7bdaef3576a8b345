using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Flac;

/// <summary>Adds WFDB's FLAC formats (508, 516, 524) to the core's format table.</summary>
public static class FlacSupport
{
    /// <summary>
    /// Registers the FLAC decoders. Cheap and safe to call more than once; libFLAC itself is loaded only when a FLAC
    /// signal is first read (and a missing library is then named in the error).
    /// </summary>
    public static void Register()
    {
        foreach (int format in SignalCodecs.CompressedFormats)
            SignalCodecs.Register(new FlacDecoder(format));
    }
}
