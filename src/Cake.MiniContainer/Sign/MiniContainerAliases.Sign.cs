using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.PublishImage;
using MiniContainer.Oci;
using MiniContainer.Sign;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>
    /// Signs an image already pushed (by its digest, e.g. <c>PublishImage(...).Digest</c>) in the cosign format with an ECDSA P-256
    /// PKCS#8 PEM key; the signature goes to the sha256-&lt;hex&gt;.sig tag beside it. Pass the password of an encrypted key from a
    /// secret (e.g. <c>EnvironmentVariable("SIGN_KEY_PASSWORD")</c>); it is never logged.
    /// </summary>
    [CakeMethodAlias]
    public static ImageSignature SignImage(this ICakeContext context, string imageDigest, FilePath keyFile, string? keyPassword, PublishImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(imageDigest);
        ArgumentNullException.ThrowIfNull(keyFile);
        ArgumentNullException.ThrowIfNull(settings);
        var path = keyFile.MakeAbsolute(context.Environment).FullPath;
        return StepExecution.Run(context, "SignImage", async (logger, ct) =>
        {
            using var key = Named(path, () => ImageSigningKey.Load(path, keyPassword));
            var signed = await ImageSignStep.RunAsync(new ImageSignRequest(settings.ToRequest(context), OciDigest.Parse(imageDigest), key), logger, ct).ConfigureAwait(false);
            return new ImageSignature(signed.Image.ToString(), signed.Identity, signed.Tag, signed.SignatureManifest.ToString(), signed.AlreadySigned);
        });
    }

    /// <summary>Checks a pushed image's cosign-format signature against a PEM public key, as a release does before it deploys; fails when none holds.</summary>
    [CakeMethodAlias]
    public static VerifiedImageSignature VerifyImageSignature(this ICakeContext context, string imageDigest, FilePath publicKeyFile, PublishImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(imageDigest);
        ArgumentNullException.ThrowIfNull(publicKeyFile);
        ArgumentNullException.ThrowIfNull(settings);
        var path = publicKeyFile.MakeAbsolute(context.Environment).FullPath;
        return StepExecution.Run(context, "VerifyImageSignature", async (logger, ct) =>
        {
            using var key = Named(path, () => SignatureVerificationKey.Load(path));
            var verified = await SignatureCheckStep.RunAsync(new SignatureCheckRequest(settings.ToRequest(context), OciDigest.Parse(imageDigest), key), logger, ct).ConfigureAwait(false);
            return new VerifiedImageSignature(verified.Image.ToString(), verified.Identity, verified.Tag, verified.SignatureManifest.ToString());
        });
    }

    /// <summary>A key's problem with the file it is about (the core's message says what the file is, not which).</summary>
    private static T Named<T>(string path, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (SigningKeyException e)
        {
            throw new SigningKeyException($"The key {path} {e.Message}", e.PasswordProblem, e);
        }
    }
}
