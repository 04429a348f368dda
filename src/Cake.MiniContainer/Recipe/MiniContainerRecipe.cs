using Cake.Core;
using Cake.MiniContainer.Hosting;
using MiniContainer.BuildServer;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer.Recipe;

/// <summary>
/// The bodies of the recipe's tasks: each binds Cake's arguments, log and Ctrl-C to one step of the core's
/// <see cref="MiniContainerPipeline"/>, which reads its inputs from the artifacts folder and writes its outputs there.
/// </summary>
public sealed class MiniContainerRecipe
{
    private readonly ICakeContext _context;
    private readonly MiniContainerSettings _script;
    private MiniContainerPipeline? _pipeline;
    private PipelineSettings? _settings;

    private MiniContainerRecipe(ICakeContext context, MiniContainerSettings script)
    {
        _context = context;
        _script = script;
    }

    /// <summary>The pipeline in this process, started on first use (it takes the project's lock for the run, so the steps then run here, not in a build server).</summary>
    public MiniContainerPipeline Pipeline => _pipeline ??= StepExecution.Run(_context, "Settings", timed: false, (logger, cancellationToken) =>
        MiniContainerPipeline.StartAsync(_script, Arguments, Environment, WorkingDirectory, logger, RunSummary.Current, cancellationToken));

    /// <summary>The settings as the steps see them (resolved now; the project lock is not taken).</summary>
    public PipelineSettings Settings => _settings ??= _pipeline?.Settings ?? StepExecution.Run(_context, "Settings", timed: false, (_, _) =>
        Task.FromResult(MiniContainerPipeline.Resolve(_script, Arguments, Environment, WorkingDirectory)));

    /// <summary>
    /// The recipe for this task: each task resolves again, so a consumer's task that changes MiniContainer.Settings
    /// affects the steps after it.
    /// </summary>
    public static MiniContainerRecipe For(ICakeContext context, MiniContainerSettings script) => new(context, script);

    /// <summary>Whether the build steps run: not when --binary names a file to verify alone.</summary>
    public static bool Builds(ICakeContext context) => MiniContainerPipeline.Builds(new CakeArgumentSource(context), context.Environment.GetEnvironmentVariable);

    public void GoRestore() => Run("GoRestore");

    public void GoCompile() => Run("GoCompile");

    public void VerifyBinary() => Run("VerifyBinary");

    public void CaCertificates() => Run("CaCertificates");

    public void ComposeImage() => Run("ComposeImage");

    public void SmokeTest() => Run("SmokeTest");

    public void PublishImage() => Run("PublishImage");

    public void VerifyImageSignature() => Run("VerifyImageSignature");

    private IArgumentSource Arguments => new CakeArgumentSource(_context);

    private Func<string, string?> Environment => _context.Environment.GetEnvironmentVariable;

    private string WorkingDirectory => _context.Environment.WorkingDirectory.FullPath;

    /// <summary>The build server's program in this package: tools/build-server/ beside lib/&lt;tfm&gt;/.</summary>
    private static readonly string ServerAssembly = Path.GetFullPath(Path.Combine(
        Path.GetDirectoryName(typeof(MiniContainerRecipe).Assembly.Location) ?? ".", "..", "..", "tools", "build-server", "MiniContainer.BuildServer.dll"));

    // In the build server when one serves this build (it times the step for the summary), else here.
    private void Run(string step) =>
        StepExecution.Run(context: _context, step, timed: false, async (logger, cancellationToken) =>
        {
            var request = new BuildServerStepRequest(step, _script, Arguments, Environment, WorkingDirectory, ServerAssembly);
            if (_pipeline is not null || !await BuildServerSteps.TryRunAsync(request, logger, RunSummary.Current, cancellationToken).ConfigureAwait(false))
                await Pipeline.RunStepAsync(step, cancellationToken).ConfigureAwait(false);
            return true;
        });
}
