namespace MiniContainer.Oci.Outputs;

/// <summary>Where a daemonless image is written: an OCI image layout folder, a docker-archive file, or both.</summary>
public sealed record OciOutputs(string? LayoutDirectory, string? ArchivePath = null)
{
    /// <summary>The conventional places under an artifacts folder: artifacts/oci/&lt;name&gt; and artifacts/&lt;name&gt;.docker.tar.</summary>
    public static OciOutputs Under(string artifactsDirectory, string name) =>
        new(Path.Combine(artifactsDirectory, "oci", name), Path.Combine(artifactsDirectory, $"{name}.docker.tar"));
}
