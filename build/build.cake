// The repository's own build: ./build.sh <Target> [--name=value ...] (or ./build.ps1).
// Every argument can also come from an environment variable MINICONTAINER_<NAME>.
#load "test-results.cake"
#load "prerequisites.cake"

var target = Argument("target", "Default");
var configuration = Setting("configuration", "Release");
var filter = Setting("filter", "");
var root = MakeAbsolute(Directory("..")); // build.cake lives in build/
var artifacts = root.Combine("artifacts");
var solution = root.CombineWithFilePath("MiniContainer.sln");

// --name=value, then MINICONTAINER_<NAME>, then the default.
string Setting(string name, string defaultValue) =>
    HasArgument(name) ? Argument<string>(name)
    : EnvironmentVariable("MINICONTAINER_" + name.ToUpperInvariant().Replace('-', '_')) ?? defaultValue;

Task("Info")
    .Description("Prints what this build sees: SDK, root, configuration.")
    .Does(() =>
{
    Information("root: {0}", root);
    Information("configuration: {0}", configuration);
    Information("dotnet: {0}", Context.Tools.Resolve("dotnet"));
});

Task("Clean")
    .Description("Removes artifacts/ (build output, test results, packages).")
    .Does(() =>
{
    if (DirectoryExists(artifacts)) DeleteDirectory(artifacts, new DeleteDirectorySettings { Recursive = true, Force = true });
});

Task("Compile")
    .Description("Builds the solution.")
    .Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration });
});

Task("Provision")
    .Description("Installs what the build needs on Debian (packages, dockerd, local images) with eng/provision.sh.")
    .Does(() => Prerequisites.Provision(Context, root));

Task("Prerequisites")
    .Description("Checks for the Docker Engine, Go, the registry tools and the local images; provisions what is missing (--provision=false to only report).")
    .Does(() => Prerequisites.Ensure(Context, root, Setting("provision", "true") != "false"));

Task("Pack")
    .Description("Packs Cake.MiniContainer (addin + recipe) and, where Nuke.Common restores, MiniContainer.Nuke and the core MiniContainer it depends on, into artifacts/packages, where the examples load them from.")
    .IsDependentOn("Compile")
    .Does(() =>
{
    var packages = artifacts.Combine("packages");
    CleanDirectory(packages);
    var pack = new DotNetPackSettings { Configuration = configuration, OutputDirectory = packages };
    DotNetPack(root.CombineWithFilePath("src/Cake.MiniContainer/Cake.MiniContainer.csproj").FullPath, pack);
    var nuke = root.CombineWithFilePath("src/MiniContainer.Nuke/MiniContainer.Nuke.csproj");
    if (NukeCommonRestores(nuke))
    {
        DotNetPack(root.CombineWithFilePath("src/MiniContainer/MiniContainer.csproj").FullPath, pack);
        DotNetPack(nuke.FullPath, pack);
    }
    // The examples cache the package (and scripts compiled against it) in tools/: drop them so they load this build.
    // Their ReadyToRun copy of Cake stays: it does not depend on the package, and costs a minute to compile again.
    foreach (var cached in GetDirectories(root.FullPath + "/examples/*/tools/*").Where(d => d.GetDirectoryName() != "cake-readytorun"))
        DeleteDirectory(cached, new DeleteDirectorySettings { Recursive = true, Force = true });
    DeleteFiles(GetFiles(root.FullPath + "/examples/*/tools/*"));
    // The NUKE example restores into its own packages/ (NuGet never re-extracts a version it holds): drop ours from it.
    foreach (var id in new[] { "minicontainer", "minicontainer.nuke" })
        foreach (var cached in GetDirectories(root.FullPath + "/examples/*/packages/" + id))
            DeleteDirectory(cached, new DeleteDirectorySettings { Recursive = true, Force = true });
});

// As .ci/run probes: this machine's feed has no Nuke.* packages, and then the NUKE package is skipped with one line.
bool NukeCommonRestores(FilePath project)
{
    var exitCode = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = ProcessArgumentBuilder.FromStrings(new[] { "restore", project.FullPath, "-nologo" }),
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    }, out var output, out var errors);
    if (exitCode == 0) return true;
    var lines = output.Concat(errors).ToList();
    if (!lines.Any(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"NU110[12].*Nuke\.Common")))
        throw new Exception("Restoring src/MiniContainer.Nuke failed for another reason than a missing Nuke.Common:\n" + string.Join("\n", lines));
    Information("NUKE package skipped: Nuke.Common 10.1.0 is not on this machine's NuGet feed, so MiniContainer.Nuke (and the core package it depends on) was not packed; see src/MiniContainer.Nuke/README.md");
    return false;
}

Task("Publish")
    .Description("Runs every example's own pipeline (./build.sh Publish in examples/*): binaries, images, smoke tests; pushes with --registry.")
    .IsDependentOn("Prerequisites")
    .IsDependentOn("Pack")
    .Does(() =>
{
    // The local images eng/testbed.sh made (no registry to pull from here); name others to use them.
    var passed = new List<string>
    {
        "--builder-image=" + Setting("builder-image", "minicontainer-testbed/go-builder:latest"),
        "--base-image=" + Setting("base-image", "minicontainer-testbed/alpine:latest"),
    };
    // --engine=none (no engine: the base must be scratch, oci:<dir> or docker-archive:<file>), --platforms, --sbom pass through too.
    foreach (var name in new[] { "registry", "image-tag", "engine", "platforms", "cgo", "sbom" })
        if (Setting(name, "") is { Length: > 0 } value) passed.Add($"--{name}={value}");
    // Credentials travel in the environment, never on a command line where ps or a log would show them.
    var environment = new Dictionary<string, string>();
    foreach (var name in new[] { "registry-username", "registry-password" })
        if (Setting(name, "") is { Length: > 0 } value) environment["MINICONTAINER_" + name.ToUpperInvariant().Replace('-', '_')] = value;

    // The Cake consumers: every example with a build.cake.
    foreach (var example in GetFiles(root.FullPath + "/examples/*/build.cake").Select(f => f.GetDirectory()).OrderBy(d => d.FullPath))
    {
        Information("");
        Information("==> examples/{0}: ./build.sh Publish", example.GetDirectoryName());
        var exitCode = StartProcess("bash", new ProcessSettings
        {
            Arguments = ProcessArgumentBuilder.FromStrings(new[] { "build.sh", "Publish" }.Concat(passed)),
            WorkingDirectory = example,
            EnvironmentVariables = environment,
        });
        if (exitCode != 0) throw new Exception($"examples/{example.GetDirectoryName()}: ./build.sh Publish failed with exit code {exitCode} (see above).");
    }
});

Task("Test")
    .Description("Runs every test project and ends with the totals line.")
    .IsDependentOn("Prerequisites")
    .IsDependentOn("Pack")
    .Does(() =>
{
    var results = artifacts.Combine("test-results");
    if (DirectoryExists(results)) CleanDirectory(results);
    else CreateDirectory(results);
    foreach (var project in TestProjects())
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        var settings = new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            Loggers = { $"trx;LogFileName={name}.trx", "console;verbosity=normal" },
            ResultsDirectory = results,
            Filter = string.IsNullOrEmpty(filter) ? null : filter,
            ArgumentCustomization = args => args.Append("--blame-hang-timeout").Append("15m"),
        };
        try { DotNetTest(project.FullPath, settings); }
        catch (Exception e) { System.IO.File.WriteAllText(TestResults.ErrorFile(results.FullPath, name), e.Message + "\n"); }
    }
    Summarize(results);
});

Task("TestSummary")
    .Description("Totals the results of a test run (--test-results, default artifacts/test-results) into summary.txt and the closing line; fails when a test or a test host failed.")
    .Does(() => Summarize(Setting("test-results", "") is { Length: > 0 } folder ? MakeAbsolute(Directory(folder)) : artifacts.Combine("test-results")));

// A summary from an earlier run must never speak for this one, even when Prerequisites or Pack fails first.
Setup(context =>
{
    if (target is "Test" or "Default")
    {
        var stale = artifacts.Combine("test-results").CombineWithFilePath("summary.txt");
        if (FileExists(stale)) DeleteFile(stale);
    }
});

IEnumerable<FilePath> TestProjects() => GetFiles(root.FullPath + "/tests/*/*.csproj").OrderBy(p => p.FullPath);

// Writes summary.txt, whose last line .ci/run prints, then fails the build for any failure it counted.
void Summarize(DirectoryPath results)
{
    var requireEngine = EnvironmentVariable("MINICONTAINER_REQUIRE_ENGINE") == "1";
    var totals = TestResults.Read(results.FullPath, TestProjects().Select(p => p.GetFilenameWithoutExtension().ToString()), requireEngine);
    foreach (var line in totals.SkippedTests) Warning("skipped: {0}", line);
    // Last before the totals, so the tail of a CI log (all a later look at a failed run may have) says why, not only what.
    foreach (var (name, message) in totals.FailureMessages.Take(3))
    {
        Information("{0} failed:", name);
        foreach (var line in TestResults.Abbreviated(message, 40)) Information("    {0}", line);
    }
    foreach (var line in totals.FailedTests) Error("failed: {0}", line);
    foreach (var line in totals.RunFailures) Error("failed: {0}", line);
    EnsureDirectoryExists(results);
    System.IO.File.WriteAllText(results.CombineWithFilePath("summary.txt").FullPath, totals.Line + "\n");
    Information("");
    Information(totals.Line);
    if (totals.Failed > 0)
        throw new Exception($"{totals.Failed} failed: " + string.Join("; ", totals.FailedTests.Concat(totals.RunFailures).Take(20)));
}

Task("Default").IsDependentOn("Test");

RunTarget(target);
