// The repository's own build: ./build.sh <Target> [--name=value ...] (or ./build.ps1).
// Every argument can also come from an environment variable MINICONTAINER_<NAME>.
#load "test-results.cake"

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

Task("Test")
    .Description("Runs every test project and ends with the totals line.")
    .IsDependentOn("Compile")
    .Does(() =>
{
    var results = artifacts.Combine("test-results");
    if (DirectoryExists(results)) CleanDirectory(results);
    var projects = GetFiles(root.FullPath + "/tests/*/*.csproj").OrderBy(p => p.FullPath).ToList();
    var crashed = new List<string>();
    foreach (var project in projects)
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
        catch (Exception e) { crashed.Add($"{name}: {e.Message}"); }
    }

    var totals = TestResults.Read(GetFiles(results.FullPath + "/*.trx").Select(f => f.FullPath));
    foreach (var line in totals.FailedTests) Error("failed: {0}", line);
    foreach (var line in totals.SkippedTests) Warning("skipped: {0}", line);
    var requireAll = EnvironmentVariable("MINICONTAINER_REQUIRE_ENGINE") == "1";
    var summary = $"{totals.Passed} passed, {totals.Failed} failed, {totals.Skipped} skipped";
    System.IO.File.WriteAllText(results.CombineWithFilePath("summary.txt").FullPath, summary + "\n");
    Information("");
    Information(summary);
    if (totals.Failed > 0 || crashed.Count > 0 && totals.Failed == 0 && totals.Passed == 0)
        throw new Exception($"{totals.Failed} test(s) failed. {string.Join(" ", crashed)}");
    if (crashed.Count > 0)
        throw new Exception("A test run did not finish: " + string.Join(" ", crashed));
    if (requireAll && totals.Skipped > 0)
        throw new Exception($"{totals.Skipped} test(s) were skipped while MINICONTAINER_REQUIRE_ENGINE=1: every test must run here.");
    if (totals.Passed == 0)
        throw new Exception("No test ran.");
});

Task("Default").IsDependentOn("Test");

RunTarget(target);
