using MiniContainer.Docker;
using MiniContainer.Elf;
using MiniContainer.Go;
using MiniContainer.Images.Oci.Layers;

namespace MiniContainer.Steps;

/// <summary>
/// A build is a fresh process: the first use of the verifier, the layer writer and the engine client's
/// image calls each costs tens of milliseconds (JIT, type loading). While <c>go build</c> runs in the
/// builder the process only waits, so those costs are paid there, on a background task, instead of
/// after the compile, on the build's critical path.
/// </summary>
internal static class FirstUseWarmup
{
    /// <summary>Starts the warm-up and returns at once; it never fails the build (a failed warm-up only costs its time).</summary>
    public static void Start(DockerEngine engine, string builderImage, CancellationToken cancellationToken) =>
        _ = Task.Run(async () =>
        {
            try
            {
                // The verifier on the one ELF surely at hand: this process's own executable.
                if (Environment.ProcessPath is { } self && File.Exists(self))
                {
                    var result = new StaticBinaryVerifier().Verify(self, VerificationPolicy.ForGoBuild(GoBuildOptions.HostGoArch(), null));
                    _ = VerificationReportTable.Render(result);
                    _ = VerificationReportJson.ToJson(result);
                }
                LayerWriter.Write(new LayerContent().WithFile("warm-up", new byte[512], LayerContent.FileMode), DateTimeOffset.UnixEpoch, Stream.Null);
                await engine.Api.InspectImageAsync(builderImage, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Nothing to report: the steps that follow do the same work for real and say what fails.
            }
        }, cancellationToken);
}
