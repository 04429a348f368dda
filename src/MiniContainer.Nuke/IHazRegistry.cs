using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>Where PublishImage pushes, and as whom; credentials go to that registry only.</summary>
public interface IHazRegistry : INukeBuild
{
    [Parameter("host[:port] to push to; without it PublishImage pushes nothing")]
    string Registry => TryGetValue(() => Registry);

    [Parameter("The registry user (with the password) - default: ~/.docker/config.json")]
    string RegistryUsername => TryGetValue(() => RegistryUsername);

    [Parameter("The registry password or token; never printed - default: ~/.docker/config.json")] [Secret]
    string RegistryPassword => TryGetValue(() => RegistryPassword);

    [Parameter("Registries (host[:port]) spoken to over plain HTTP although not on loopback")]
    string[] InsecureRegistry => TryGetValue(() => InsecureRegistry);
}
