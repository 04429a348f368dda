namespace MiniContainer.Compose;

/// <summary>What the image is made of, in bytes: base image, binaries, CA bundle, and the whole image.</summary>
public sealed record ImageSizes(long BaseImage, IReadOnlyDictionary<string, long> Binaries, long CaBundle, long Total)
{
    public long AllBinaries => Binaries.Values.Sum();

    public override string ToString() =>
        $"base {Format(BaseImage)}, binaries {Format(AllBinaries)} ({string.Join(", ", Binaries.Select(b => $"{b.Key} {Format(b.Value)}"))}), " +
        $"CA bundle {Format(CaBundle)}, total {Format(Total)}";

    private static string Format(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024.0):0.0} MiB",
        >= 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
