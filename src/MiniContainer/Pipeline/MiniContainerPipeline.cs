using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer;
using MiniContainer.Compile;
using MiniContainer.Go.Builders;
using MiniContainer.Restore;
using MiniContainer.Pipeline.Templates;

namespace MiniContainer.Pipeline;

/// <summary>
/// The seven steps, host-neutral: GoRestore, GoCompile, VerifyBinary, CaCertificates, ComposeImage, SmokeTest,
/// PublishImage. Each reads what the step before it left in the <see cref="ArtifactLayout"/> and writes its own
/// outputs there, so any step runs alone on what an earlier run left. A host (Cake's recipe, NUKE's components)
/// resolves the settings through <see cref="StartAsync"/>, then calls one step per target with its logger and
/// cancellation; a user's mistake surfaces as a <see cref="MiniContainerException"/> to print as one line.
/// </summary>
public sealed partial class MiniContainerPipeline
{
    private readonly ILogger _logger;
    private readonly Func<string, string?> _environment;

    public MiniContainerPipeline(PipelineSettings settings, ILogger logger, RunSummary summary, Func<string, string?> environment)
    {
        Settings = settings;
        _logger = logger;
        Summary = summary;
        _environment = environment;
    }

    public PipelineSettings Settings { get; }

    public RunSummary Summary { get; }

    public ArtifactLayout Layout => Settings.Layout;

    /// <summary>
    /// Resolves the settings (argument, then MINICONTAINER_ variable, then the script, then go.mod) and takes the
    /// project's <see cref="ProjectBuildLock"/> for the rest of the run: a second run of the project waits.
    /// </summary>
    /// <exception cref="PipelineArgumentException">A setting's value cannot work; the message names it.</exception>
    public static async Task<MiniContainerPipeline> StartAsync(PipelineScript script, IArgumentSource arguments, Func<string, string?> environment,
        string workingDirectory, ILogger logger, RunSummary summary, CancellationToken cancellationToken)
    {
        var settings = Resolve(script, arguments, environment, workingDirectory);
        WarnOnceAboutUnread(arguments, logger);
        logger.LogDebug("MiniContainer settings: {Settings}", settings);
        await ProjectBuildLock.HoldForTheRunAsync(settings.Source, logger, cancellationToken).ConfigureAwait(false);
        return new MiniContainerPipeline(settings, logger, summary, environment);
    }

    private static int _warned;

    /// <summary>The steps by name, as the hosts' targets are named.</summary>
    public static IReadOnlyList<string> StepNames { get; } =
        ["GoRestore", "GoCompile", "VerifyBinary", "CaCertificates", "ComposeImage", "SmokeTest", "PublishImage", "VerifyImageSignature"];

    /// <summary>Runs the step of that name (one of <see cref="StepNames"/>).</summary>
    public Task RunStepAsync(string step, CancellationToken cancellationToken) => step switch
    {
        "GoRestore" => GoRestoreAsync(cancellationToken),
        "GoCompile" => GoCompileAsync(cancellationToken),
        "VerifyBinary" => VerifyBinaryAsync(cancellationToken),
        "CaCertificates" => CaCertificatesAsync(cancellationToken),
        "ComposeImage" => ComposeImageAsync(cancellationToken),
        "SmokeTest" => SmokeTestAsync(cancellationToken),
        "PublishImage" => PublishImageAsync(cancellationToken),
        "VerifyImageSignature" => VerifyImageSignatureAsync(cancellationToken),
        _ => throw new ArgumentException($"'{step}' is not a step; the steps are {string.Join(", ", StepNames)}", nameof(step)),
    };

    /// <summary>Forgets what this process remembers for one run (the unread-name warnings), so a build server's next run warns again.</summary>
    internal static void EndRun() => Interlocked.Exchange(ref _warned, 0);

    /// <summary>Names given that nothing reads (a misspelt argument, a MINICONTAINER_ variable that is no setting), once per process.</summary>
    private static void WarnOnceAboutUnread(IArgumentSource arguments, ILogger logger)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 1) return;
        var variables = System.Environment.GetEnvironmentVariables().Keys.OfType<string>();
        foreach (var warning in ArgumentSpelling.Warnings(arguments.GivenNames, variables)) logger.LogWarning("{Warning}", warning);
    }

    /// <summary>The settings alone, without the lock (pure apart from reading go.mod and checking files exist).</summary>
    public static PipelineSettings Resolve(PipelineScript script, IArgumentSource arguments, Func<string, string?> environment, string workingDirectory) =>
        PipelineSettingsResolver.Resolve(script, arguments, environment, workingDirectory, File.Exists,
            directory => File.Exists(Path.Combine(directory, "go.mod")) ? GoModule.Load(directory) : null,
            // Resolution is synchronous for the hosts; git answers in milliseconds, and only when a placeholder asks.
            directory => SourceVersion.ReadAsync(directory, CancellationToken.None).GetAwaiter().GetResult());

    /// <summary>Whether the build steps run: not when --binary names a file to verify alone.</summary>
    public static bool Builds(IArgumentSource arguments, Func<string, string?> environment) =>
        arguments.Get(PipelineArguments.Binary) is null && environment(PipelineArguments.Binary.EnvironmentVariable) is null or "";

    /// <summary>Whether this run uses a Docker Engine: --engine=docker or none, else whether one answers (asked once per process).</summary>
    public async Task<bool> UsesEngineAsync(CancellationToken cancellationToken) => Settings.Engine switch
    {
        EngineChoice.Docker => true,
        EngineChoice.None => false,
        _ => await EngineProbe.AnswersAsync(null, _logger, cancellationToken).ConfigureAwait(false),
    };

    private GoBuildOptions GoBuildOptions => Settings.ToGoBuildOptions(_environment);

    private Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken) =>
        DockerEngine.ConnectAsync(null, new EngineProgressLogger(_logger), cancellationToken, inactivityTimeout: Settings.InactivityTimeout);

    /// <summary>The Go builder of this run: the engine's builder container, or this machine's Go when the run uses no engine.</summary>
    private async Task<SelectedGoBuilder> SelectGoBuilderAsync(CancellationToken cancellationToken) =>
        await UsesEngineAsync(cancellationToken).ConfigureAwait(false)
            ? SelectedGoBuilder.ForEngine(await ConnectAsync(cancellationToken).ConfigureAwait(false))
            : SelectedGoBuilder.ForHost(new LocalGoBuilder { CacheDirectory = Settings.CacheDirectory });

    /// <summary>A step that does not run, and why, in the log (a host's own skip, such as Cake's criteria, says it too).</summary>
    private Task Skipped(string step, string reason)
    {
        _logger.LogInformation("{Step}: skipped ({Reason})", step, reason);
        return Task.CompletedTask;
    }

    /// <summary>Runs a step, its time in the summary.</summary>
    private async Task TimedAsync(string step, Func<Task> body)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await body().ConfigureAwait(false);
        }
        finally
        {
            Summary.AddStep(step, clock.Elapsed);
        }
    }
}
