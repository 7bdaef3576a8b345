// The logic behind Directory.Build.targets' TorchSharp fix, compiled by MSBuild's
// RoslynCodeTaskFactory at build time (against netstandard: keep to its APIs) and by tests/EcgBeats.Build.Tests (with ELF_TESTS defined,
// which leaves out the MSBuild task class so the tests need no MSBuild packages).
//
// Why: TorchSharp-cpu 0.107.0's libLibTorchSharp.so lists GLIBCXX_3.4.32 among the versions it
// needs from libstdc++.so.6, only for std::ios_base_library_init(), which no relocation uses.
// Debian 12 / Ubuntu 22.04 ship libstdc++ up to GLIBCXX_3.4.30, so the dynamic loader refuses
// the library. Flagging that one Elf64_Vernaux entry VER_FLG_WEAK (vna_flags |= 2) turns the
// missing version into a non-fatal condition (glibc's dl-version.c skips weak needs it cannot
// satisfy), and the library loads and runs normally.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace EcgBeats.Build
{
    /// <summary>What <see cref="ElfVersionNeed.Weaken"/> did to an image.</summary>
    public enum WeakenOutcome
    {
        /// <summary>The entry was strong and is now flagged weak.</summary>
        Weakened,
        /// <summary>The entry was already weak: the image is unchanged.</summary>
        AlreadyWeak,
    }

    /// <summary>The ELF image is not laid out as the patch expects.</summary>
    public sealed class ElfLayoutException : Exception
    {
        /// <summary>Creates the exception with a message that says what was expected.</summary>
        public ElfLayoutException(string message) : base(message) { }
    }

    /// <summary>Reads and edits the GNU symbol-versioning sections of 64-bit little-endian ELF images.</summary>
    public static class ElfVersionNeed
    {
        /// <summary>ELF's <c>VER_FLG_WEAK</c>: a version need whose absence is not fatal.</summary>
        public const ushort VerFlagWeak = 0x2;

        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>One <c>Elf64_Vernaux</c> entry: a version needed from a library.</summary>
        public readonly struct Need
        {
            /// <summary>Creates a need.</summary>
            public Need(string library, string version, ushort flags, int flagsOffset)
            {
                Library = library; Version = version; Flags = flags; FlagsOffset = flagsOffset;
            }
            /// <summary>The needed library's file name, e.g. <c>libstdc++.so.6</c>.</summary>
            public string Library { get; }
            /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
            public string Version { get; }
            /// <summary><c>vna_flags</c>.</summary>
            public ushort Flags { get; }
            /// <summary>Byte offset of <c>vna_flags</c> in the file.</summary>
            public int FlagsOffset { get; }
        }

        /// <summary>Lists every version need (<c>.gnu.version_r</c>) of an image.</summary>
        /// <exception cref="ElfLayoutException">Not a 64-bit little-endian ELF, or no such section.</exception>
        public static List<Need> ReadNeeds(byte[] image)
        {
            var section = FindSection(image, ShtGnuVerneed, ".gnu.version_r");
            var strings = LinkedStringTable(image, section);
            var needs = new List<Need>();
            long entry = section.Offset;
            for (int i = 0; i < section.Info; i++)
            {
                CheckRange(image, entry, 16, "Elf64_Verneed");
                ushort count = U16(image, entry + 2);
                string library = CString(image, strings, U32(image, entry + 4));
                long aux = entry + U32(image, entry + 8);
                for (int j = 0; j < count; j++)
                {
                    CheckRange(image, aux, 16, "Elf64_Vernaux");
                    string version = CString(image, strings, U32(image, aux + 8));
                    needs.Add(new Need(library, version, U16(image, aux + 4), checked((int)(aux + 4))));
                    uint nextAux = U32(image, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = U32(image, entry + 12);
                if (next == 0) break;
                entry += next;
            }
            return needs;
        }

        /// <summary>Lists the version names an image defines (<c>.gnu.version_d</c>), e.g. libstdc++'s GLIBCXX_*.</summary>
        public static List<string> ReadDefinitions(byte[] image)
        {
            var section = FindSection(image, ShtGnuVerdef, ".gnu.version_d");
            var strings = LinkedStringTable(image, section);
            var names = new List<string>();
            long entry = section.Offset;
            for (int i = 0; i < section.Info; i++)
            {
                CheckRange(image, entry, 20, "Elf64_Verdef");
                long aux = entry + U32(image, entry + 12);
                CheckRange(image, aux, 8, "Elf64_Verdaux");
                names.Add(CString(image, strings, U32(image, aux)));
                uint next = U32(image, entry + 16);
                if (next == 0) break;
                entry += next;
            }
            return names;
        }

        /// <summary>
        /// Flags the need for <paramref name="version"/> of <paramref name="library"/> weak, in place.
        /// Only that entry's two-byte <c>vna_flags</c> field changes.
        /// </summary>
        /// <exception cref="ElfLayoutException">The image is not ELF64 LE or has no such need.</exception>
        public static WeakenOutcome Weaken(byte[] image, string library, string version)
        {
            foreach (var need in ReadNeeds(image))
            {
                if (need.Library != library || need.Version != version) continue;
                if ((need.Flags & VerFlagWeak) != 0) return WeakenOutcome.AlreadyWeak;
                ushort flags = (ushort)(need.Flags | VerFlagWeak);
                image[need.FlagsOffset] = (byte)flags;
                image[need.FlagsOffset + 1] = (byte)(flags >> 8);
                return WeakenOutcome.Weakened;
            }
            throw new ElfLayoutException($"no version need '{version}' from '{library}' in .gnu.version_r");
        }

        /// <summary>
        /// Weakens the need in a file by writing a patched copy beside it and renaming it over the
        /// original, so a hard link into the NuGet cache is replaced, never written through.
        /// </summary>
        public static WeakenOutcome WeakenFile(string path, string library, string version)
        {
            byte[] image = File.ReadAllBytes(path);
            WeakenOutcome outcome = Weaken(image, library, version);
            if (outcome == WeakenOutcome.AlreadyWeak) return outcome;
            string temp = path + ".weaken-tmp";
            File.WriteAllBytes(temp, image);
            // File.Replace is rename(2) on Unix: atomic, and it replaces the directory entry.
            File.Replace(temp, path, null);
            return outcome;
        }

        /// <summary>
        /// Finds the libstdc++.so.6 the dynamic loader would use: <c>LD_LIBRARY_PATH</c>, then
        /// <c>ldconfig -p</c>, then the usual library folders. Null when none is found.
        /// </summary>
        public static string? FindSystemLibrary(string fileName)
        {
            var folders = new List<string>();
            string? ldPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            if (!string.IsNullOrEmpty(ldPath)) folders.AddRange(ldPath.Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries));
            foreach (string folder in folders)
            {
                string candidate = Path.Combine(folder, fileName);
                if (File.Exists(candidate)) return candidate;
            }
            string? fromCache = FromLdconfig(fileName);
            if (fromCache != null) return fromCache;
            foreach (string folder in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                         "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib" })
            {
                string candidate = Path.Combine(folder, fileName);
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        private static string? FromLdconfig(string fileName)
        {
            foreach (string exe in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
            {
                try
                {
                    var info = new ProcessStartInfo(exe, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
                    using var process = Process.Start(info);
                    if (process == null) continue;
                    string output = process.StandardOutput.ReadToEnd();
                    process.WaitForExit();
                    foreach (string line in output.Split('\n'))
                    {
                        string trimmed = line.Trim();
                        if (!trimmed.StartsWith(fileName + " ", StringComparison.Ordinal)) continue;
                        bool native = Environment.Is64BitProcess ? trimmed.Contains("64") : !trimmed.Contains("64");
                        int arrow = trimmed.IndexOf("=> ", StringComparison.Ordinal);
                        if (native && arrow > 0) return trimmed.Substring(arrow + 3);
                    }
                    return null;
                }
                catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is IOException)
                {
                    // This ldconfig is not there; try the next one.
                }
            }
            return null;
        }

        private readonly struct Section
        {
            public Section(long offset, long size, uint link, uint info) { Offset = offset; Size = size; Link = link; Info = info; }
            public long Offset { get; }
            public long Size { get; }
            public uint Link { get; }
            public uint Info { get; }
        }

        private static Section FindSection(byte[] image, uint type, string name)
        {
            var headers = SectionHeaders(image);
            Section? found = null;
            foreach (var (sectionType, section) in headers)
            {
                if (sectionType != type) continue;
                if (found != null) throw new ElfLayoutException($"more than one {name} section");
                found = section;
            }
            if (found == null) throw new ElfLayoutException($"no {name} section (SHT 0x{type:x8})");
            CheckRange(image, found.Value.Offset, found.Value.Size, name);
            return found.Value;
        }

        private static Section LinkedStringTable(byte[] image, Section section)
        {
            var headers = SectionHeaders(image);
            if (section.Link == 0 || section.Link >= headers.Count)
                throw new ElfLayoutException($"sh_link {section.Link} names no string table");
            var (type, strings) = headers[(int)section.Link];
            if (type != 3) throw new ElfLayoutException($"sh_link {section.Link} is section type {type}, expected SHT_STRTAB (3)");
            CheckRange(image, strings.Offset, strings.Size, "string table");
            return strings;
        }

        private static List<(uint Type, Section Section)> SectionHeaders(byte[] image)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new ElfLayoutException("not an ELF file (no \\x7fELF magic at byte 0)");
            if (image[4] != 2) throw new ElfLayoutException($"EI_CLASS is {image[4]}, expected 2 (ELFCLASS64)");
            if (image[5] != 1) throw new ElfLayoutException($"EI_DATA is {image[5]}, expected 1 (little-endian)");
            long shoff = (long)U64(image, 40);
            ushort shentsize = U16(image, 58);
            ushort shnum = U16(image, 60);
            if (shentsize != 64) throw new ElfLayoutException($"e_shentsize is {shentsize}, expected 64");
            if (shoff == 0 || shnum == 0) throw new ElfLayoutException("no section header table");
            CheckRange(image, shoff, (long)shnum * 64, "section header table");
            var list = new List<(uint, Section)>(shnum);
            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + i * 64L;
                list.Add((U32(image, h + 4), new Section((long)U64(image, h + 24), (long)U64(image, h + 32), U32(image, h + 40), U32(image, h + 44))));
            }
            return list;
        }

        private static string CString(byte[] image, Section strings, uint offset)
        {
            if (offset >= strings.Size) throw new ElfLayoutException($"string offset {offset} is past the string table ({strings.Size} bytes)");
            long start = strings.Offset + offset;
            long end = start;
            long limit = strings.Offset + strings.Size;
            while (end < limit && image[end] != 0) end++;
            if (end == limit) throw new ElfLayoutException($"unterminated string at byte {start}");
            return Encoding.ASCII.GetString(image, (int)start, (int)(end - start));
        }

        private static void CheckRange(byte[] image, long offset, long length, string what)
        {
            if (offset < 0 || length < 0 || offset + length > image.Length)
                throw new ElfLayoutException($"{what} at byte {offset} (+{length}) runs past the end of the file ({image.Length} bytes)");
        }

        private static ushort U16(byte[] b, long o) => (ushort)(b[o] | b[o + 1] << 8);
        private static uint U32(byte[] b, long o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
        private static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;
    }

#if !ELF_TESTS
    /// <summary>
    /// MSBuild task: flags a libstdc++ version need weak in output copies of a native library,
    /// only where the system libstdc++ does not define that version (Mode=auto), always
    /// (Mode=always) or never (Mode=never).
    /// </summary>
    public sealed class WeakenElfVersionNeed : Microsoft.Build.Utilities.Task
    {
        /// <summary>The output copies to patch (never the NuGet cache's files).</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>The needed library, e.g. libstdc++.so.6.</summary>
        public string Library { get; set; } = "libstdc++.so.6";

        /// <summary>The version to weaken, e.g. GLIBCXX_3.4.32.</summary>
        public string Version { get; set; } = "GLIBCXX_3.4.32";

        /// <summary>auto (default), always or never.</summary>
        public string Mode { get; set; } = "auto";

        /// <inheritdoc />
        public override bool Execute()
        {
            string mode = string.IsNullOrEmpty(Mode) ? "auto" : Mode.ToLowerInvariant();
            if (mode == "never" || Files.Length == 0) return true;
            if (mode != "auto" && mode != "always")
            {
                Log.LogError($"EcgBeatsWeakenGlibcxx is '{Mode}': expected auto, always or never");
                return false;
            }
            if (mode == "auto")
            {
                string? system = ElfVersionNeed.FindSystemLibrary(Library);
                if (system != null)
                {
                    try
                    {
                        if (ElfVersionNeed.ReadDefinitions(File.ReadAllBytes(system)).Contains(Version))
                        {
                            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                                $"{system} defines {Version}: native libraries left as they are.");
                            return true;
                        }
                    }
                    catch (ElfLayoutException e)
                    {
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                            $"could not read version definitions of {system} ({e.Message}); patching to be safe.");
                    }
                }
            }
            foreach (var item in Files)
            {
                string path = item.ItemSpec;
                if (!File.Exists(path)) continue;
                try
                {
                    var outcome = ElfVersionNeed.WeakenFile(path, Library, Version);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                        outcome == WeakenOutcome.Weakened
                            ? $"{path}: version need {Version} of {Library} flagged weak (system libstdc++ lacks it)."
                            : $"{path}: version need {Version} already weak.");
                }
                catch (ElfLayoutException e)
                {
                    Log.LogError($"{path}: cannot weaken the {Version} need of {Library}: {e.Message}. " +
                                 "The TorchSharp native library is not laid out as expected; see Directory.Build.targets.");
                    return false;
                }
            }
            return true;
        }
    }
#endif
}
