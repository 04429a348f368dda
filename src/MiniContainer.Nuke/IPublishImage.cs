using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.Nuke.Hosting;
using MiniContainer.Publish;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace MiniContainer.Nuke;

/// <summary>Publish: pushes each smoke-tested image to the registry with the user's Docker credentials and saves its digest.</summary>
public interface IPublishImage : ISmokeTest
{
    [Parameter("The registry to push to, host[:port]")]
    string Registry => TryGetValue(() => Registry);

    [Parameter("The registry user - default: MINICONTAINER_REGISTRY_USERNAME, then the Docker config's credentials")]
    string RegistryUsername => TryGetValue(() => RegistryUsername);

    [Parameter("The registry password or token - never logged")] [Secret]
    string RegistryPassword => TryGetValue(() => RegistryPassword);

    Target PublishImage => _ => _
        .Description("Pushes each image to the registry and saves its digest")
        .DependsOn(SmokeTest)
        .Requires(() => Registry)
        .Executes(() => StepRunner.RunAsync(async (engine, logger, cancellationToken) =>
        {
            var pushed = new Dictionary<string, string>();
            foreach (var (binary, reference) in Images)
            {
                var request = new PublishRequest
                {
                    Registry = Registry,
                    Repository = ImageReference.Parse(reference).Repository,
                    Tag = Tag,
                    DigestFile = ImageDirectory / $"{binary.Name}.digest",
                }.Apply(PublishRequestBase).Apply(PublishSettings);
                pushed[binary.Name] = (await PublishImageStep.RunAsync(engine, reference, request, logger, cancellationToken)).PinnedReference;
            }
            ReportSummary(_ => new Dictionary<string, string>(pushed));
        }));

    sealed Configure<PublishRequest> PublishRequestBase => _ => _ with
    {
        Credentials = RegistryUsername is null || RegistryPassword is null ? null : new RegistryCredentials(RegistryUsername, RegistryPassword),
    };

    /// <summary>The hook for the push, e.g. <c>_ =&gt; _ with { DockerConfigFile = "/ci/docker-config.json" }</c>.</summary>
    Configure<PublishRequest> PublishSettings => _ => _;
}
