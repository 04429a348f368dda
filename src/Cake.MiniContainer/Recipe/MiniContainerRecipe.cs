using Cake.Core;
using Cake.MiniContainer.Hosting;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer.Recipe;

/// <summary>
/// The bodies of the recipe's tasks: each binds Cake's arguments, log and Ctrl-C to one step of the core's
/// <see cref="MiniContainerPipeline"/>, which reads its inputs from the artifacts folder and writes its outputs there.
/// </summary>
public sealed class MiniContainerRecipe
{
    private readonly ICakeContext _context;

    private MiniContainerRecipe(ICakeContext context, MiniContainerPipeline pipeline)
    {
        _context = context;
        Pipeline = pipeline;
    }

    public MiniContainerPipeline Pipeline { get; }

    public PipelineSettings Settings => Pipeline.Settings;

    /// <summary>
    /// The recipe with its settings resolved now (arguments, environment, script, go.mod): each task resolves
    /// again, so a consumer's task that changes MiniContainer.Settings affects the steps after it.
    /// </summary>
    public static MiniContainerRecipe For(ICakeContext context, MiniContainerSettings script) =>
        new(context, StepExecution.Run(context, "Settings", timed: false, (logger, cancellationToken) =>
            MiniContainerPipeline.StartAsync(script, new CakeArgumentSource(context), context.Environment.GetEnvironmentVariable,
                context.Environment.WorkingDirectory.FullPath, logger, RunSummary.Current, cancellationToken)));

    /// <summary>Whether the build steps run: not when --binary names a file to verify alone.</summary>
    public static bool Builds(ICakeContext context) => MiniContainerPipeline.Builds(new CakeArgumentSource(context), context.Environment.GetEnvironmentVariable);

    public void GoRestore() => Run("GoRestore", Pipeline.GoRestoreAsync);

    public void GoCompile() => Run("GoCompile", Pipeline.GoCompileAsync);

    public void VerifyBinary() => Run("VerifyBinary", Pipeline.VerifyBinaryAsync);

    public void CaCertificates() => Run("CaCertificates", Pipeline.CaCertificatesAsync);

    public void ComposeImage() => Run("ComposeImage", Pipeline.ComposeImageAsync);

    public void SmokeTest() => Run("SmokeTest", Pipeline.SmokeTestAsync);

    public void PublishImage() => Run("PublishImage", Pipeline.PublishImageAsync);

    public void VerifyImageSignature() => Run("VerifyImageSignature", Pipeline.VerifyImageSignatureAsync);

    // The pipeline times its own steps for the summary.
    private void Run(string step, Func<CancellationToken, Task> body) =>
        StepExecution.Run(context: _context, step, timed: false, async (_, cancellationToken) =>
        {
            await body(cancellationToken).ConfigureAwait(false);
            return true;
        });
}
