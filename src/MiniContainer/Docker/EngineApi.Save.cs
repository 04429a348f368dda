namespace MiniContainer.Docker;

public sealed partial class EngineApi
{
    /// <summary>Writes the image as a docker-archive to <paramref name="file"/> (what <c>docker save -o</c> does), replacing it whole only when complete.</summary>
    public Task SaveImageAsync(string reference, string file, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(reference, "image reference");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var partial = file + ".partial";
        return _engine.StreamAsync("image save " + reference, async (client, guard, ct) =>
        {
            try
            {
                await using (var archive = new ActivityStream(await client.Images.SaveImageAsync(reference, ct).ConfigureAwait(false), guard.Saw))
                await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                    await archive.CopyToAsync(output, 1 << 16, ct).ConfigureAwait(false);
                File.Move(partial, file, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            return true;
        }, cancellationToken);
    }
}
