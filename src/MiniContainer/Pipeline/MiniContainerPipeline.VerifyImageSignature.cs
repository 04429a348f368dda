using Microsoft.Extensions.Logging;
using MiniContainer.Oci;
using MiniContainer.Sign;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>
    /// VerifyImageSignature: checks each image of the list in --registry against --verify-key, as a release does before it
    /// deploys: the digest PublishImage saved in image/&lt;binary&gt;.digest (else the digest the tag names now) must have a
    /// cosign-format signature by that key that names this digest and this repository.
    /// </summary>
    public Task VerifyImageSignatureAsync(CancellationToken cancellationToken)
    {
        if (Settings.Registry is null)
            throw new PipelineArgumentException(PipelineArguments.Registry, $"VerifyImageSignature checks images in a registry: give {PipelineArguments.Registry.CommandLine} (the one PublishImage pushed to).");
        if (Settings.VerifyKey is not { } keyFile)
            throw new PipelineArgumentException(PipelineArguments.VerifyKey, $"VerifyImageSignature needs the signer's public key: give {PipelineArguments.VerifyKey.CommandLine}=<PEM file>.");
        var images = ImageList.Read(Layout);
        return TimedAsync("VerifyImageSignature", async () =>
        {
            using var key = LoadVerificationKey(keyFile);
            foreach (var image in images)
            {
                var request = PublishRequestFor(image, image.Tag);
                OciDigest digest;
                if (File.Exists(request.DigestFile))
                {
                    digest = OciDigest.Parse((await File.ReadAllTextAsync(request.DigestFile, cancellationToken).ConfigureAwait(false)).Trim());
                }
                else
                {
                    digest = await SignatureCheckStep.DigestOfAsync(request, null, cancellationToken).ConfigureAwait(false);
                    _logger.LogInformation("VerifyImageSignature: no {File} (PublishImage saves it), so checking what {Target} names now: {Digest}", request.DigestFile, request.Target, digest);
                }
                var verified = await SignatureCheckStep.RunAsync(new SignatureCheckRequest(request, digest, key), _logger, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("VerifyImageSignature: deploy {Pinned}", $"{verified.Identity}@{verified.Image}");
            }
        });
    }

    private static SignatureVerificationKey LoadVerificationKey(string file)
    {
        try
        {
            return SignatureVerificationKey.Load(file);
        }
        catch (SigningKeyException e)
        {
            throw new PipelineArgumentException(PipelineArguments.VerifyKey, $"{PipelineArguments.VerifyKey.CommandLine}={file} {e.Message}");
        }
    }
}
