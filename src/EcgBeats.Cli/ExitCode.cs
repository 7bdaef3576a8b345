namespace EcgBeats.Cli;

/// <summary>The exit codes of <c>ecgbeats</c>, one per kind of failure (sysexits.h numbers where one fits).</summary>
public enum ExitCode
{
    /// <summary>Done.</summary>
    Success = 0,
    /// <summary>The command line could not be parsed.</summary>
    Usage = 2,
    /// <summary>The user stopped the work (Ctrl+C); what was finished is kept.</summary>
    Interrupted = 130,
    /// <summary>An input file is malformed (EX_DATAERR).</summary>
    BadInput = 65,
    /// <summary>An input file or folder does not exist (EX_NOINPUT).</summary>
    NoInput = 66,
    /// <summary>A bug: an exception nobody expected (EX_SOFTWARE).</summary>
    InternalError = 70,
    /// <summary>Reading or writing a file failed (EX_IOERR).</summary>
    IoError = 74,
    /// <summary>A download failed or a downloaded file failed its checksum.</summary>
    DownloadFailed = 75,
}
