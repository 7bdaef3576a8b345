using System.Runtime.InteropServices;

namespace EcgBeats.Io;

/// <summary>What a path names, without following a symbolic link there.</summary>
public enum FileKind
{
    /// <summary>Nothing.</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A symbolic link (whatever it points at).</summary>
    SymbolicLink,
    /// <summary>A character or block device, a named pipe or a socket.</summary>
    Special,
}

/// <summary>
/// Tells regular files from links, devices, pipes and sockets. .NET reports a device or a pipe as a normal file, so on
/// Linux this asks the kernel (<c>statx</c>, whose layout is the same on every architecture); elsewhere it knows links
/// and folders only. Outputs use it never to write through or over anything but a regular file (#25).
/// </summary>
public static partial class FileKinds
{
    /// <summary>The kind of <paramref name="path"/>, a link itself rather than its target.</summary>
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux() && LinuxKind(path, AtSymlinkNoFollow) is { } kind) return kind;
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileKind.SymbolicLink;
        if (System.IO.Directory.Exists(path)) return FileKind.Directory;
        return File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>
    /// Refuses an input that is (or links to) a device, a pipe or a socket: <c>/dev/zero</c> as a header or signal file would
    /// never end, a pipe would block. Links to regular files are read as WFDB reads them.
    /// </summary>
    /// <exception cref="InvalidInputException">It is one (the path named).</exception>
    public static void CheckInput(string path)
    {
        if (OperatingSystem.IsLinux() && LinuxKind(path, 0) is FileKind.Special)
            throw new InvalidInputException($"{path}: is a device, pipe or socket (or a link to one), not a file; EcgBeats reads records only from regular files");
    }

    /// <summary>
    /// The file <paramref name="path"/> names, through symbolic links: its length and times are the target's. .NET's
    /// <see cref="FileInfo.Length"/> of a link is the link's own (the length of the target's name), which made a signal
    /// file reached through a link look 20 bytes long.
    /// </summary>
    /// <exception cref="IOException">The links form a loop.</exception>
    public static FileInfo Target(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target ? target : info;
    }

    /// <summary>
    /// Whether two paths are one file: the same device and inode (through links and hard links) where the kernel says,
    /// else the same full path. A path that does not exist is no file.
    /// </summary>
    public static bool AreSame(string a, string b)
    {
        if (!File.Exists(a) || !File.Exists(b)) return false;
        if (OperatingSystem.IsLinux() && Identity(a) is { } x && Identity(b) is { } y) return x == y;
        return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
    }

    /// <summary>Refuses an output path that is a link, a device, a pipe or a socket.</summary>
    /// <exception cref="InvalidInputException">It is one (the path named).</exception>
    public static void CheckOutput(string path)
    {
        switch (Of(path))
        {
            case FileKind.SymbolicLink:
                throw new InvalidInputException($"{path}: is a symbolic link; EcgBeats never writes through or over one (remove it, or name another file)");
            case FileKind.Special:
                throw new InvalidInputException($"{path}: is a device, pipe or socket, not a regular file; EcgBeats writes only regular files (name another file)");
        }
    }

    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    private const uint StatxIno = 0x100;

    /// <summary>The file's device (<c>stx_dev_major</c>, <c>stx_dev_minor</c> at bytes 136 and 140) and inode (<c>stx_ino</c>, byte 32), through links; null when the call is not there.</summary>
    private static unsafe (uint Major, uint Minor, ulong Inode)? Identity(string path)
    {
        byte* buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxIno, buffer) != 0) return null;
        }
        catch (EntryPointNotFoundException) { return null; }
        catch (DllNotFoundException) { return null; }
        return (*(uint*)(buffer + 136), *(uint*)(buffer + 140), *(ulong*)(buffer + 32));
    }

    /// <summary>The kind from <c>statx</c>'s <c>stx_mode</c> (bytes 28-29), or null when the call is not there.</summary>
    private static unsafe FileKind? LinuxKind(string path, int flags)
    {
        byte* buffer = stackalloc byte[256];
        int result;
        try { result = Statx(AtFdCwd, path, flags, StatxType, buffer); }
        catch (EntryPointNotFoundException) { return null; }
        catch (DllNotFoundException) { return null; }
        if (result != 0) return Marshal.GetLastPInvokeError() is 2 or 20 ? FileKind.Missing : null; // ENOENT, ENOTDIR
        int type = *(ushort*)(buffer + 28) & 0xF000;
        return type switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Special,
        };
    }
}
