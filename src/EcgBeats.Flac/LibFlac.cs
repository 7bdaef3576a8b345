using System.Reflection;
using System.Runtime.InteropServices;

namespace EcgBeats.Flac;

/// <summary>
/// The few libFLAC stream-decoder calls WFDB's FLAC formats need (FLAC/stream_decoder.h), bound at run time: the library
/// is looked for only when a FLAC signal is read, under the names Debian, Fedora, Homebrew and Windows builds use, or at
/// the path in <c>ECGBEATS_LIBFLAC</c>.
/// </summary>
internal static unsafe class LibFlac
{
    private const string Name = "FLAC";

    /// <summary>Names the loader tries, newest ABI first (libFLAC 1.4 is .so.12, 1.3 is .so.8).</summary>
    private static readonly string[] Candidates =
    [
        "libFLAC.so.14", "libFLAC.so.12", "libFLAC.so.8", "libFLAC.so",
        "libFLAC.14.dylib", "libFLAC.12.dylib", "libFLAC.dylib", "/opt/homebrew/lib/libFLAC.dylib", "/usr/local/lib/libFLAC.dylib",
        "libFLAC-14.dll", "libFLAC-12.dll", "libFLAC.dll", "FLAC.dll",
    ];

    private static readonly Lock Gate = new();
    private static IntPtr _handle;
    private static bool _resolverSet;

    /// <summary>The environment variable that names libFLAC's path, overriding the search.</summary>
    public const string PathVariable = "ECGBEATS_LIBFLAC";

    /// <summary>Loads libFLAC once; every call below goes through it.</summary>
    /// <exception cref="InvalidInputException">It is not installed; the message says what was tried and how to install it.</exception>
    public static void EnsureLoaded(string why)
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero) return;
            _handle = Load(why, Environment.GetEnvironmentVariable(PathVariable));
            if (!_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(LibFlac).Assembly, Resolve);
                _resolverSet = true;
            }
        }
    }

    /// <summary>Loads libFLAC from <paramref name="configured"/> when given, else from the usual names.</summary>
    /// <exception cref="InvalidInputException">Nothing loads; the message names <paramref name="why"/>, what was tried and how to install it.</exception>
    internal static IntPtr Load(string why, string? configured)
    {
        string[] tried = configured is { Length: > 0 } ? [configured] : Candidates;
        foreach (string candidate in tried)
            if (NativeLibrary.TryLoad(candidate, typeof(LibFlac).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out var handle))
                return handle;
        throw new InvalidInputException(
            $"{why} needs the libFLAC library, which was not found (tried {string.Join(", ", tried)}). " +
            $"Install it (Debian/Ubuntu: apt install libflac12; Fedora: dnf install flac-libs; macOS: brew install flac) or set {PathVariable} to its path.");
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) => name == Name ? _handle : IntPtr.Zero;

    /// <summary>FLAC__StreamDecoderState: the stream has ended.</summary>
    public const int EndOfStream = 4;

    /// <summary>FLAC__StreamDecoderWriteStatus.</summary>
    public const int WriteContinue = 0, WriteAbort = 1;

    [DllImport(Name, EntryPoint = "FLAC__stream_decoder_new")]
    public static extern IntPtr New();

    [DllImport(Name, EntryPoint = "FLAC__stream_decoder_delete")]
    public static extern void Delete(IntPtr decoder);

    /// <summary>FLAC__stream_decoder_init_file: 0 is FLAC__STREAM_DECODER_INIT_STATUS_OK.</summary>
    [DllImport(Name, EntryPoint = "FLAC__stream_decoder_init_file")]
    public static extern int InitFile(IntPtr decoder, byte* path,
        delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int**, IntPtr, int> write,
        delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void> metadata,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr, void> error,
        IntPtr client);

    [DllImport(Name, EntryPoint = "FLAC__stream_decoder_process_until_end_of_metadata")]
    public static extern int ProcessMetadata(IntPtr decoder);

    [DllImport(Name, EntryPoint = "FLAC__stream_decoder_process_single")]
    public static extern int ProcessSingle(IntPtr decoder);

    [DllImport(Name, EntryPoint = "FLAC__stream_decoder_seek_absolute")]
    public static extern int SeekAbsolute(IntPtr decoder, ulong sample);

    [DllImport(Name, EntryPoint = "FLAC__stream_decoder_get_state")]
    public static extern int State(IntPtr decoder);

    [DllImport(Name, EntryPoint = "FLAC__stream_decoder_finish")]
    public static extern int Finish(IntPtr decoder);
}
