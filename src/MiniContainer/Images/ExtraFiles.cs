namespace MiniContainer.Images;

/// <summary>A host folder whose files go into the image under <see cref="ImagePath"/>, owned by 0:0, 0755 if executable else 0644.</summary>
public sealed record ExtraFiles(string HostDirectory, string ImagePath);
