using System.IO;
using MiniContainer.SmokeTest;
using MiniContainer.Nuke;
using MiniContainer.Pipeline;
using Nuke.Common;
using Nuke.Common.Tooling;
using Serilog;

// The whole pipeline comes from MiniContainer's components: GoRestore -> GoCompile -> VerifyBinary
// -> CaCertificates -> ComposeImage -> SmokeTest -> PublishImage. This build adds one target of its
// own between VerifyBinary and ComposeImage, and overrides two settings hooks.
class Build : NukeBuild, IPublishImage
{
    public static int Main() => Execute<Build>(x => ((IPublishImage)x).PublishImage);

    [Parameter("The largest binary this service may ship, in MiB - default: 15")]
    readonly int MaxBinaryMegabytes = 15;

    Target CheckBinarySize => _ => _
        .Description("Fails when a binary outgrows its size budget, before an image is made of it")
        .DependsOn<IVerifyBinary>(x => x.VerifyBinary)
        .DependentFor<IComposeImage>(x => x.ComposeImage)
        .Executes(() =>
        {
            foreach (var binary in ((IHazMiniContainer)this).MiniContainerArtifacts.CompiledBinaries())
            {
                var mib = new FileInfo(binary).Length / (1024.0 * 1024.0);
                Log.Information("{Binary}: {Size:0.0} MiB of {Budget} MiB", Path.GetFileName(binary), mib, MaxBinaryMegabytes);
                Assert.True(mib <= MaxBinaryMegabytes, $"{Path.GetFileName(binary)} is {mib:0.0} MiB, over the budget of {MaxBinaryMegabytes} MiB");
            }
        });

    // The Go module is ../hello (.nuke/parameters.json); its artifacts stay in this repository's folder.
    Configure<PipelineScript> IHazMiniContainer.MiniContainerSettings => _ => _.With(s => s.Output = RootDirectory / "artifacts");

    // hello is a server that would run until stopped; the smoke test asks it for its version line instead.
    Configure<SmokeTestSpec, string> ISmokeTest.SmokeTestSettings => (_, _) => SmokeTestSpec.OneShot("hello ", "-version");
}
