using System.Linq;
using MiniContainer.Nuke;
using MiniContainer.SmokeTest;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using Serilog;

// The whole pipeline comes from MiniContainer's components: GoRestore -> GoCompile -> VerifyBinary
// -> CaCertificates -> ComposeImage -> SmokeTest -> PublishImage. This build adds one target of its
// own between VerifyBinary and ComposeImage, and overrides one settings hook.
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
            foreach (var binary in ((IHazGoBuild)this).Binaries)
            {
                var mib = binary.ToFileInfo().Length / (1024.0 * 1024.0);
                Log.Information("{Binary}: {Size:0.0} MiB of {Budget} MiB", binary.Name, mib, MaxBinaryMegabytes);
                Assert.True(mib <= MaxBinaryMegabytes, $"{binary.Name} is {mib:0.0} MiB, over the budget of {MaxBinaryMegabytes} MiB");
            }
        });

    // hello is a server that would run until stopped; the smoke test asks it for its version line instead.
    Configure<SmokeTestSpec> ISmokeTest.SmokeTestSettings => _ => SmokeTestSpec.OneShot("hello ", "-version");
}
