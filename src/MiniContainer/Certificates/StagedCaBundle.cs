namespace MiniContainer.Certificates;

/// <summary>The staged bundle: its file (null when the image gets no certificates), count and size.</summary>
public sealed record StagedCaBundle(string? File, int CertificateCount, long SizeInBytes)
{
    public static StagedCaBundle None { get; } = new(null, 0, 0);
}
