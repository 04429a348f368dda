namespace MiniContainer.Publish;

/// <summary>Why a push failed, as far as the engine's message tells.</summary>
public enum PushFailure
{
    Other,
    Unauthorized,
    RegistryUnreachable,
}

/// <summary>The engine could not push the image; the message never holds a secret.</summary>
public sealed class ImagePushFailedException(string reference, string registry, PushFailure failure, string engineError)
    : MiniContainerException(Describe(reference, registry, failure, engineError))
{
    public string Reference { get; } = reference;

    public string Registry { get; } = registry;

    public PushFailure Failure { get; } = failure;

    private static string Describe(string reference, string registry, PushFailure failure, string engineError) => failure switch
    {
        PushFailure.Unauthorized =>
            $"The registry {registry} refused the credentials for pushing {reference}: {engineError}. " +
            "Check the user name and password (arguments, MINICONTAINER_REGISTRY_USERNAME/_PASSWORD, or `docker login " + registry + "`).",
        PushFailure.RegistryUnreachable =>
            $"The registry {registry} could not be reached to push {reference}: {engineError}. " +
            "Check the registry's address and that it runs, and that the Docker Engine can reach it.",
        _ => $"The engine could not push {reference} to {registry}: {engineError}",
    };
}
