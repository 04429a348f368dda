namespace MiniContainer.Docker;

public sealed partial class EngineApi
{
    /// <summary>Writes the image as a docker-archive to <paramref name="file"/> (what <c>docker save -o</c> does), replacing it whole only when complete.</summary>
    public Task SaveImageAsync(string reference, string file, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(reference, "image reference");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        // Landed as every artifact is: an exclusive temporary file renamed over the target, never a predictable path.
        return _engine.StreamAsync("image save " + reference, async (client, guard, ct) =>
        {
            await using var archive = new ActivityStream(await client.Images.SaveImageAsync(reference, ct).ConfigureAwait(false), guard.Saw);
            await ArtifactFile.WriteAsync(file, ArtifactFile.DataMode, (output, c) => archive.CopyToAsync(output, 1 << 16, c), ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }
}
