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

    [Parameter("An ECDSA P-256 private key (PKCS#8 PEM, optionally encrypted): PublishImage signs every image it pushes in the cosign format. Its password only through MINICONTAINER_SIGN_KEY_PASSWORD or the settings hook, never the command line")]
    string SignKey => TryGetValue(() => SignKey);

    [Parameter("An ECDSA P-256 public key (PEM): VerifyImageSignature checks each pushed image's signature with it")]
    string VerifyKey => TryGetValue(() => VerifyKey);
}
