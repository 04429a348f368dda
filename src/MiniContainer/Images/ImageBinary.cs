namespace MiniContainer.Images;

/// <summary>A binary on this machine that goes into the image as /app/<see cref="Name"/>.</summary>
public sealed record ImageBinary(string HostPath, string? FileName = null)
{
    /// <summary>The file name in /app: the given one, else the host file's name.</summary>
    public string Name => FileName ?? Path.GetFileName(HostPath);

    public string ImagePath => $"{RuntimeImageSpec.AppDirectory}/{Name}";
}
