namespace MiniContainer.Certificates;

/// <summary>Where the image's CA bundle starts from (extra CAs are appended to any of them).</summary>
public enum CaBundleSource
{
    /// <summary>No base bundle: only the extra CAs, if any.</summary>
    None,

    /// <summary>The bundle inside the builder image, copied out through the engine.</summary>
    BuilderImage,

    /// <summary>A PEM file on this machine.</summary>
    File,
}
