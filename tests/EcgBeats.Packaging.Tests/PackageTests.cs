using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using EcgBeats.Build;
using EcgBeats.TestSupport;

namespace EcgBeats.Packaging.Tests;

/// <summary>
/// What a user gets from a NuGet feed (issue #16): the tool installs with `dotnet tool install` from a fresh home and
/// runs; each package stays under NuGet.org's 250 MB limit and holds nothing the tool does not load; the libraries carry
/// their README, XML docs and symbols, and a consumer project built against them runs their README examples.
/// </summary>
public sealed partial class PackageTests
{
    private const long NuGetLimit = 250L * 1024 * 1024;
    private const string Version = "0.1.0";

    private static string Project(string name) => Path.Combine(Dotnet.RepositoryRoot, "src", name, name + ".csproj");

    /// <summary>A fresh home: no tools, no NuGet cache, no settings.</summary>
    private static Dictionary<string, string> FreshHome(TempFolder temp) => new()
    {
        ["HOME"] = temp.File("home"),
        ["DOTNET_CLI_HOME"] = temp.File("home"),
        ["NUGET_PACKAGES"] = temp.File("home/.nuget/packages"),
    };

    [Fact]
    public void TheToolInstallsFromAFeedAndRuns()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            "packs the linux-x64 tool package, the one this machine can run");
        using var temp = TestData.TempFolder();
        string feed = temp.File("feed");
        // This machine's platform only (the release packs linux-x64, osx-arm64 and win-x64 the same way).
        Dotnet.Succeed(Dotnet.RepositoryRoot, null, "dotnet", "pack", Project("EcgBeats.Cli"), "-c", "Release", "-o", feed,
            "-p:ToolPackageRuntimeIdentifiers=linux-x64");

        string pointer = Path.Combine(feed, $"EcgBeats.Cli.{Version}.nupkg"), platform = Path.Combine(feed, $"EcgBeats.Cli.linux-x64.{Version}.nupkg");
        Assert.True(File.Exists(pointer), "the pointer package EcgBeats.Cli");
        Assert.InRange(new FileInfo(platform).Length, 1, NuGetLimit);
        using (var zip = ZipFile.OpenRead(platform))
        {
            var names = zip.Entries.Select(e => e.Name).ToHashSet();
            Assert.Contains("libtorch_cpu.so", names);
            Assert.DoesNotContain("libtorch_python.so", names); // nothing the tool does not load
            Assert.DoesNotContain("libtorchbind_test.so", names);
            Assert.DoesNotContain("libLdaNative.so", names);
            Assert.DoesNotContain(names, n => n.EndsWith(".dll", StringComparison.Ordinal) && n.StartsWith("torch", StringComparison.Ordinal)); // no Windows libtorch
            // The packed libLibTorchSharp carries the weak GLIBCXX_3.4.32 need, so it loads on Debian 12 / Ubuntu 22.04.
            var native = zip.Entries.Single(e => e.Name == "libLibTorchSharp.so");
            using var stream = native.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var need = ElfVersionNeed.ReadNeeds(copy.ToArray()).Single(n => n.Version == "GLIBCXX_3.4.32");
            Assert.NotEqual(0, need.Flags & ElfVersionNeed.VerFlagWeak);
            // The command's own assemblies and the ones every command line loads hold ahead-of-time compiled code
            // (ReadyToRun: the CLI header's managed native header points at it), so that a command starts sooner (#26).
            foreach (string assembly in new[] { "EcgBeats.Cli.dll", "EcgBeats.dll", "System.CommandLine.dll", "TorchSharp.dll" })
                Assert.True(IsReadyToRun(zip.Entries.Single(e => e.Name == assembly)), $"{assembly} is ReadyToRun in the tool package");
        }

        var home = FreshHome(temp);
        string tools = temp.File("tools");
        Dotnet.Succeed(temp.Path, home, "dotnet", "tool", "install", "EcgBeats.Cli", "--tool-path", tools, "--add-source", feed,
            "--ignore-failed-sources", "--version", Version);
        string ecgbeats = Path.Combine(tools, "ecgbeats");
        Assert.StartsWith(Version, Dotnet.Succeed(temp.Path, home, ecgbeats, "--version").Trim());
        string info = Dotnet.Succeed(temp.Path, home, ecgbeats, "info", TestData.FixtureRecord("100"));
        Assert.Contains("Record 100", info);
        Assert.Contains("Normal beat", info);
    }

    public static TheoryData<string> Libraries() => new("EcgBeats", "EcgBeats.Torch", "EcgBeats.MlNet", "EcgBeats.Reports", "EcgBeats.Flac");

    [Fact]
    public void TheLibrariesPackWithReadmeDocsAndSymbolsAndTheirExamplesRunInAConsumer()
    {
        using var temp = TestData.TempFolder();
        string feed = temp.File("feed");
        foreach (string library in Libraries())
        {
            Dotnet.Succeed(Dotnet.RepositoryRoot, null, "dotnet", "pack", Project(library), "-c", "Release", "-o", feed);
            string package = Path.Combine(feed, $"{library}.{Version}.nupkg");
            Assert.InRange(new FileInfo(package).Length, 1, NuGetLimit);
            Assert.True(File.Exists(Path.Combine(feed, $"{library}.{Version}.snupkg")), $"{library}: symbols package");
            using var zip = ZipFile.OpenRead(package);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("README.md", names);
            Assert.Contains($"lib/net10.0/{library}.dll", names);
            Assert.Contains($"lib/net10.0/{library}.xml", names); // XML docs for IntelliSense
            string nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
            Assert.Contains($"<version>{Version}</version>", nuspec); // one version for all
            Assert.Contains("<readme>README.md</readme>", nuspec);
            Assert.Matches("<repository type=\"git\"[^>]* commit=\"[0-9a-f]{40}\"", nuspec); // Source Link: the commit the package was built from
            if (library != "EcgBeats") Assert.Contains($"<dependency id=\"EcgBeats\" version=\"{Version}\"", nuspec);
        }

        // A consumer that knows nothing of this repository: the packages from the feed, their dependencies from the
        // machine's NuGet cache (read in place), its own empty cache for ours.
        string consumer = temp.File("consumer");
        Directory.CreateDirectory(consumer);
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
              <fallbackPackageFolders><add key="machine" value="{cache}" /></fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings>
                <!-- One platform's libtorch in the output (not three): the Torch example is compiled, not run. -->
                <RuntimeIdentifier>{RuntimeInformation.RuntimeIdentifier}</RuntimeIdentifier><SelfContained>false</SelfContained></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EcgBeats" Version="{Version}" />
                <PackageReference Include="EcgBeats.Torch" Version="{Version}" />
                <PackageReference Include="EcgBeats.MlNet" Version="{Version}" />
                <PackageReference Include="EcgBeats.Reports" Version="{Version}" />
                <PackageReference Include="EcgBeats.Flac" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        // Each README's example as a method; the core's, FLAC's and the Reports' run, the others (which need a trained model) compile.
        var examples = new[] { ("Core", "EcgBeats"), ("Flac", "EcgBeats.Flac"), ("MlNet", "EcgBeats.MlNet"), ("Reports", "EcgBeats.Reports"), ("Torch", "EcgBeats.Torch") };
        foreach (var (name, library) in examples)
            File.WriteAllText(Path.Combine(consumer, name + ".cs"), AsMethod(name, ReadmeExample(library)));
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), "if (args[0] == \"core\") Examples.Core.Run(args[1..]); else if (args[0] == \"reports\") Examples.Reports.Run(args[1..]); else Examples.Flac.Run(args[1..]);\n");
        var home = FreshHome(temp);
        home["NUGET_PACKAGES"] = temp.File("consumer-packages");
        Dotnet.Succeed(consumer, home, "dotnet", "build", "-c", "Release");

        string program = Path.Combine(consumer, "bin", "Release", "net10.0", RuntimeInformation.RuntimeIdentifier, "Consumer.dll");
        string core = Dotnet.Succeed(consumer, home, "dotnet", program, "core", TestData.FixtureRecord("100"));
        // The fixture holds 5 minutes of record 100: 371 reference beats; Pan-Tompkins finds them all (WFDB's bxb agrees).
        var match = ScoreLine().Match(core);
        Assert.True(match.Success, core);
        Assert.True(double.Parse(match.Groups["se"].Value, System.Globalization.CultureInfo.InvariantCulture) > 99, core);
        Assert.True(File.Exists(Path.Combine(consumer, "100.qrs")));
        // The Reports example on an evaluation as `ecgbeats run` writes it (a rule right on 9 beats in 10 of the fixture test beats).
        string evaluation = Path.Combine(temp.Path, "runs", "latest", "inter", "evaluation", "rule", "metrics.json");
        Directory.CreateDirectory(Path.GetDirectoryName(evaluation)!);
        NineInTen().Write(evaluation);
        string reports = Dotnet.Succeed(consumer, home, "dotnet", program, "reports", evaluation);
        Assert.Contains("rule: accuracy ", reports);
        Assert.True(File.Exists(Path.Combine(consumer, "figures", "confusion-rule.png")), reports);
        if (HaveLibFlac())
            Assert.Contains("2 signals, first samples -29 -13", Dotnet.Succeed(consumer, home, "dotnet", program, "flac", TestData.Fixture("rdsamp", "flac", "f516")));
    }

    [GeneratedRegex(@"^using [A-Za-z_][A-Za-z0-9_.]*;\s*$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"QRS Se (?<se>[0-9.]+)% \+P (?<p>[0-9.]+)%")]
    private static partial Regex ScoreLine();

    /// <summary>Whether a packed assembly carries ReadyToRun code: its CLI header names a managed native header (ECMA-335
    /// II.25.3.3 leaves the field zero in plain IL images; crossgen2 points it at the READYTORUN header).</summary>
    private static bool IsReadyToRun(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static bool HaveLibFlac() =>
        new[] { "libFLAC.so.14", "libFLAC.so.12", "libFLAC.so.8", "libFLAC.so" }.Any(n => NativeLibrary.TryLoad(n, out _));

    /// <summary>An evaluation of a rule that is right on 9 beats in 10 (every tenth beat called the next class), on the fixture test beats.</summary>
    private static EcgBeats.Protocols.Evaluation NineInTen()
    {
        var test = TestData.FixtureBeats.Test;
        var probabilities = new float[test.Count * 5];
        for (int i = 0; i < test.Count; i++) probabilities[i * 5 + (i % 10 == 0 ? (test.Labels[i] + 1) % 5 : test.Labels[i])] = 1;
        return EcgBeats.Protocols.Evaluation.From("rule", ["N", "S", "V", "F", "Q"], test, "fixtures",
            new EcgBeats.Classification.ClassProbabilities(probabilities, 5), seed: 1, resamples: 50, predictSeconds: 0);
    }

    /// <summary>The first C# block of a package's README.</summary>
    private static string ReadmeExample(string library)
    {
        string text = File.ReadAllText(Path.Combine(Dotnet.RepositoryRoot, "src", library, "README.md"));
        int start = text.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>Top-level example code as a static method <c>Examples.Name.Run(args)</c>, its usings hoisted.</summary>
    private static string AsMethod(string name, string code)
    {
        var lines = code.Split('\n');
        var usings = lines.Where(l => UsingDirective().IsMatch(l));
        var body = lines.Where(l => !UsingDirective().IsMatch(l));
        return string.Join('\n', usings) + $"\nnamespace Examples;\npublic static class {name}\n{{\n    public static void Run(string[] args)\n    {{\n"
            + string.Join('\n', body.Select(l => "        " + l)) + "\n    }\n}\n";
    }
}
