using System.Security.Cryptography;
using MiniContainer.Compile;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Compile;

/// <summary>
/// A symlink planted where Compile writes a binary (artifacts/bin/hello -> an executable elsewhere):
/// on the host's Go and through the builder container's bind mount, the link is replaced by the new
/// binary (mode 0755) and the file it pointed at is untouched.
/// </summary>
[Collection(EngineCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BinaryLandingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("binary-landing");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string Bin, string Victim, string Hash) PlantLink()
    {
        var victim = Path.Combine(_folder, "victim");
        File.Copy("/bin/true", victim); // an object file: go build would overwrite it
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "hello"), victim);
        return (bin, victim, Hash(victim));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static void ShouldHaveLanded(string binary, string victim, string victimHash)
    {
        Hash(victim).ShouldBe(victimHash, "the file the planted link pointed at was overwritten");
        new FileInfo(binary).LinkTarget.ShouldBeNull();
        File.GetUnixFileMode(binary).ShouldBe(ArtifactFile.BinaryMode);
        ProcessRunner.Run(binary, ["--version"]).StandardOutput.ShouldContain("hello dev (go1.");
    }

    [Fact]
    public async Task On_the_hosts_Go_a_link_at_the_binarys_path_is_replaced_and_its_target_untouched()
    {
        var (bin, victim, hash) = PlantLink();
        // go writes through the link when its work folder is on another file system than the output (a tmpfs /tmp).
        var options = new GoBuildOptions { Environment = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-buildvcs=false", ["GOTMPDIR"] = "/dev/shm" } };

        var result = await GoCompileStep.RunAsync(SelectedGoBuilder.ForHost(),
            new GoCompileRequest(GoModule.Load(TestBed.Example("hello")), options, new GoBuilder { Image = "unused" }, bin), _logger);

        ShouldHaveLanded(result.Binaries.ShouldHaveSingleItem().Path, victim, hash);
        Directory.GetFileSystemEntries(bin).Select(Path.GetFileName).ShouldBe(["hello"], customMessage: "the staging folder is removed");
    }

    [EngineFact]
    public async Task Through_the_builder_containers_bind_mount_a_link_at_the_binarys_path_is_replaced_and_its_target_untouched()
    {
        var (bin, victim, hash) = PlantLink();
        using var engine = await DockerEngine.ConnectAsync();
        var options = new GoBuildOptions { Environment = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-buildvcs=false" } };

        var result = await GoCompileStep.RunAsync(engine,
            new GoCompileRequest(GoModule.Load(TestBed.Example("hello")), options, new GoBuilder { Image = TestBed.BuilderImage, Transfer = FileTransfer.BindMount }, bin, SkipWhenUpToDate: false), _logger);

        ShouldHaveLanded(result.Binaries.ShouldHaveSingleItem().Path, victim, hash);
    }

    [EngineFact]
    public async Task Links_planted_where_the_compile_record_and_the_verify_report_are_written_leave_their_targets_untouched()
    {
        // The builder container can write in bin/ through its bind mount: these are the paths it could prepare.
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var planted = new[] { CompileRecord.FileName, CompileRecord.FileName + ".tmp", "hello.verify.json" };
        var victims = planted.Select(name =>
        {
            var victim = Path.Combine(_folder, "victim-" + name.TrimStart('.'));
            File.WriteAllText(victim, "untouched");
            File.CreateSymbolicLink(Path.Combine(bin, name), victim);
            return victim;
        }).ToList();
        using var engine = await DockerEngine.ConnectAsync();
        var options = new GoBuildOptions { Environment = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-buildvcs=false" } };

        var result = await GoCompileStep.RunAsync(engine,
            new GoCompileRequest(GoModule.Load(TestBed.Example("hello")), options, new GoBuilder { Image = TestBed.BuilderImage, Transfer = FileTransfer.BindMount }, bin, SkipWhenUpToDate: false), _logger);
        await MiniContainer.Verify.BinaryVerification.RunAsync(result.Binaries[0].Path, MiniContainer.Verify.VerificationPolicy.ForGoBuild(GoBuildOptions.HostGoArch(), GoCommandLine.LdFlags(options)), _logger);

        victims.Select(v => File.ReadAllText(v)).ShouldAllBe(text => text == "untouched");
        new FileInfo(Path.Combine(bin, CompileRecord.FileName)).LinkTarget.ShouldBeNull();
        new FileInfo(Path.Combine(bin, "hello.verify.json")).LinkTarget.ShouldBeNull();
    }
}
