using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace EcgBeats.Cli.Tests;

/// <summary>
/// Dependencies point one way: Cli -> Reports, Torch, MlNet, Flac -> EcgBeats. Only Torch references
/// TorchSharp, only MlNet ML.NET, only Reports ScottPlot, only Cli the console libraries; the core
/// has no native dependency and no P/Invoke (libFLAC is called from EcgBeats.Flac only). Checked on the project files and on the compiled assemblies.
/// </summary>
public sealed class LayeringTests
{
    internal static readonly string Root = FindRepositoryRoot();

    private static readonly Dictionary<string, string[]> AllowedProjectReferences = new()
    {
        ["EcgBeats"] = [],
        ["EcgBeats.Torch"] = ["EcgBeats"],
        ["EcgBeats.MlNet"] = ["EcgBeats"],
        ["EcgBeats.Reports"] = ["EcgBeats"],
        ["EcgBeats.Flac"] = ["EcgBeats"],
        ["EcgBeats.Cli"] = ["EcgBeats", "EcgBeats.Torch", "EcgBeats.MlNet", "EcgBeats.Reports", "EcgBeats.Flac"],
    };

    /// <summary>Package id prefix -> the one project allowed to reference it.</summary>
    private static readonly Dictionary<string, string> PackageOwners = new()
    {
        ["TorchSharp"] = "EcgBeats.Torch",
        ["Microsoft.ML"] = "EcgBeats.MlNet",
        ["ScottPlot"] = "EcgBeats.Reports",
        ["System.CommandLine"] = "EcgBeats.Cli",
        ["Spectre.Console"] = "EcgBeats.Cli",
    };

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "EcgBeats.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EcgBeats.sln not found above " + AppContext.BaseDirectory);
    }

    private static XDocument Project(string name) => XDocument.Load(Path.Combine(Root, "src", name, name + ".csproj"));

    public static TheoryData<string> SourceProjects() => new(AllowedProjectReferences.Keys);

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void ProjectReferencesPointOneWay(string project)
    {
        var references = Project(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
            .ToList();
        Assert.All(references, r => Assert.Contains(r, AllowedProjectReferences[project]));
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void HeavyPackagesAreReferencedOnlyByTheirOwner(string project)
    {
        var packages = Project(project).Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value);
        foreach (string package in packages)
        {
            var owner = PackageOwners.FirstOrDefault(p => package.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase));
            if (owner.Key != null)
                Assert.True(owner.Value == project, $"{project} references {package}, which only {owner.Value} may reference");
        }
    }

    [Fact]
    public void SourceProjectsAreExactlyTheKnownOnes()
    {
        var onDisk = Directory.GetDirectories(Path.Combine(Root, "src")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(AllowedProjectReferences.Keys.Order().ToList(), onDisk!);
    }

    public static TheoryData<string> LibraryAssemblies() => new("EcgBeats", "EcgBeats.Torch", "EcgBeats.MlNet", "EcgBeats.Reports", "EcgBeats.Flac");

    [Theory]
    [MemberData(nameof(LibraryAssemblies))]
    public void LibrariesNeitherReferenceForbiddenAssembliesNorUseTheConsole(string assembly)
    {
        string path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var referenced = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
        foreach (var (prefix, owner) in PackageOwners)
            if (owner != assembly)
                Assert.DoesNotContain(referenced, r => r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

        var consoleTypes = metadata.TypeReferences
            .Select(h => metadata.GetTypeReference(h))
            .Select(t => metadata.GetString(t.Namespace) + "." + metadata.GetString(t.Name))
            .Where(n => n == "System.Console" || n.StartsWith("Spectre.Console", StringComparison.Ordinal))
            .ToList();
        Assert.True(consoleTypes.Count == 0, $"{assembly} uses {string.Join(", ", consoleTypes)}; only the CLI writes to the console");
    }

    [Fact]
    public void CoreAssemblyReferencesOnlyManagedLibraries()
    {
        var core = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "EcgBeats.dll"));
        var names = core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        // Parquet.Net is fully managed; so are the compression codecs it brings (Snappier, ZstdSharp, K4os LZ4).
        string[] managed = ["System", "Microsoft.Win32", "netstandard", "NWaves", "MathNet.Numerics", "Parquet"];
        Assert.All(names, n => Assert.Contains(managed, m => n == m || n.StartsWith(m + ".", StringComparison.Ordinal)));

        // No native library of its own: the only imports are the C library's (Io/FileKinds asks statx whether a path is a
        // device, which .NET cannot tell), which every Linux process already has and which is skipped elsewhere.
        using var pe = new PEReader(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "EcgBeats.dll")));
        var metadata = pe.GetMetadataReader();
        var modules = metadata.GetTableRowCount(TableIndex.ModuleRef) == 0 ? [] :
            Enumerable.Range(1, metadata.GetTableRowCount(TableIndex.ModuleRef))
                .Select(i => metadata.GetString(metadata.GetModuleReference(MetadataTokens.ModuleReferenceHandle(i)).Name)).ToList();
        Assert.All(modules, m => Assert.Equal("libc", m));
        Assert.InRange(metadata.GetTableRowCount(TableIndex.ImplMap), 0, 1); // statx alone
    }

    /// <summary>
    /// Issue #22: no two folders of a project use each other, directly or round a loop, so each folder can be read knowing
    /// only the ones below it (docs/architecture.md draws the graph). Read from the compiled assemblies' IL.
    /// </summary>
    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void TheFolderGraphOfEachProjectHasNoCycle(string assembly)
    {
        var graph = FolderGraph.Of(Path.Combine(AppContext.BaseDirectory, assembly + ".dll"), assembly);
        Assert.Empty(FolderGraph.Cycles(graph));
    }
}
