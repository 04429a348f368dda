using Microsoft.Extensions.Logging;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Registry;

namespace MiniContainer.Sbom.Attach;

/// <summary>
/// Pushes an SBOM as an OCI artifact whose subject is the image: the empty config and the SBOM
/// blob, the artifact manifest by digest, then — where the registry has no referrers API — the
/// referrers tag index (sha256-&lt;hex&gt;) with the artifact added.
/// </summary>
internal sealed class SbomAttacher(IRegistryApi api, BlobStore store, ILogger logger)
{
    public async Task<AttachedSbom> AttachAsync(string repository, OciDescriptor subject, SbomFile sbom, DateTimeOffset created, CancellationToken cancellationToken)
    {
        store.AddBytes(SbomArtifactManifest.EmptyConfig);
        var sbomDigest = store.AddBytes(await File.ReadAllBytesAsync(sbom.Path, cancellationToken).ConfigureAwait(false));
        if (sbomDigest != sbom.Digest)
            throw new MiniContainerException($"The SBOM {sbom.Path} changed after it was written ({sbom.Digest} then, {sbomDigest} now): write it again.");

        var manifestBytes = SbomArtifactManifest.Write(subject, sbom.Descriptor, created);
        var manifest = new ImageManifest(OciMediaTypes.ImageManifest, SbomArtifactManifest.EmptyConfigDescriptor, [sbom.Descriptor]);
        var artifact = OciDigest.Of(manifestBytes);
        var pusher = new ImagePusher(api, logger);
        await pusher.PushAsync(repository, manifest, manifestBytes, store.PathOf, [artifact.ToString()], null, cancellationToken).ConfigureAwait(false);

        if (await api.GetReferrersAsync(repository, subject.Digest, cancellationToken).ConfigureAwait(false) is not null)
        {
            logger.LogInformation("SBOM: attached to {Subject} as {Artifact} (the registry lists it through its referrers API)", subject.Digest, artifact);
            return new AttachedSbom(artifact, subject.Digest, null);
        }

        var tag = ReferrersTagIndex.TagFor(subject.Digest);
        byte[]? existing = null;
        try
        {
            existing = (await api.GetManifestAsync(repository, tag, cancellationToken).ConfigureAwait(false)).Content;
        }
        catch (RegistryRequestException e) when (e.Failure == RegistryFailure.NotFound)
        {
            // No referrers yet: the index starts with ours.
        }
        byte[] index;
        try
        {
            index = ReferrersTagIndex.With(existing, new OciDescriptor(OciMediaTypes.ImageManifest, artifact, manifestBytes.Length), SpdxDocumentWriter.MediaType,
                new Dictionary<string, string> { ["org.opencontainers.image.created"] = OciJson.Time(created) });
        }
        catch (FormatException e)
        {
            throw new MiniContainerException($"The tag {repository}:{tag} holds something other than a referrers index ({e.Message}): delete that tag, then push again.");
        }
        // An index that already lists this artifact, last and the same, is left as it is.
        if (existing is null || !index.AsSpan().SequenceEqual(existing))
            await api.PutManifestAsync(repository, tag, index, OciMediaTypes.ImageIndex, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("SBOM: attached to {Subject} as {Artifact}, listed under the referrers tag {Tag} (the registry has no referrers API)", subject.Digest, artifact, tag);
        return new AttachedSbom(artifact, subject.Digest, tag);
    }
}
