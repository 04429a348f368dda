using System.Formats.Tar;
using Docker.DotNet.Models;

namespace MiniContainer.Docker;

/// <summary>
/// Moves files in and out of a container through the engine's archive API: works against a
/// remote engine, where bind mounts would show the engine host's files, not ours.
/// </summary>
public sealed class ContainerFiles(DockerEngine engine)
{
    /// <summary>Copies a host folder to <paramref name="containerDirectory"/> (created as needed).</summary>
    public async Task CopyDirectoryInAsync(RunningContainer container, string hostDirectory, string containerDirectory, Func<string, bool>? include, CancellationToken cancellationToken)
    {
        using var archive = new MemoryStream();
        DeterministicTar.WriteDirectory(archive, hostDirectory, containerDirectory, include);
        archive.Position = 0;
        await engine.CallAsync("copy into container " + container.Id[..12], (client, ct) => client.Containers.ExtractArchiveToContainerAsync(
            container.Id, new CopyToContainerParameters { Path = "/" }, archive, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="content"/> as the file <paramref name="containerPath"/> (its folders made as needed), with <paramref name="mode"/>.</summary>
    public async Task CopyFileInAsync(RunningContainer container, string containerPath, byte[] content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        using var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Gnu, leaveOpen: true))
        {
            var name = containerPath.Trim('/');
            if (name.LastIndexOf('/') is var folder and > 0) DeterministicTar.WriteParents(writer, name[..folder]);
            var entry = DeterministicTar.NewEntry(TarEntryType.RegularFile, name, mode);
            entry.DataStream = new MemoryStream(content);
            writer.WriteEntry(entry);
        }
        archive.Position = 0;
        await engine.CallAsync("copy into container " + container.Id[..12], (client, ct) => client.Containers.ExtractArchiveToContainerAsync(
            container.Id, new CopyToContainerParameters { Path = "/" }, archive, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies one file out of the container to <paramref name="hostPath"/> with <paramref name="mode"/>, never the
    /// container's own (a setuid or world-writable file stays in the container); landed through <see cref="ArtifactFile"/>.
    /// </summary>
    public async Task CopyFileOutAsync(RunningContainer container, string containerPath, string hostPath, UnixFileMode mode, CancellationToken cancellationToken)
    {
        // Buffer the archive first: TarReader's sized reads over the engine's chunked stream fail near its end.
        await using var buffered = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await engine.StreamAsync("copy out of container " + container.Id[..12], async (client, guard, ct) =>
        {
            ContainerArchiveResponse response;
            try
            {
                response = await client.Containers.GetArchiveFromContainerAsync(
                    container.Id, new ContainerPathStatParameters { Path = containerPath }, false, ct).ConfigureAwait(false);
            }
            catch (global::Docker.DotNet.DockerContainerNotFoundException e)
            {
                throw new MiniContainerException($"The container has no file {containerPath} to copy out: {e.Message}");
            }
            await using (var stream = new ActivityStream(response.Stream ?? throw new MiniContainerException($"The engine sent no archive for {containerPath}."), guard.Saw))
                await stream.CopyToAsync(buffered, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        buffered.Position = 0;
        using var reader = new TarReader(buffered);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            var data = entry.DataStream;
            await ArtifactFile.WriteAsync(hostPath, mode, (file, ct) => data.CopyToAsync(file, ct), cancellationToken).ConfigureAwait(false);
            return;
        }
        throw new MiniContainerException($"The container's {containerPath} is not a regular file.");
    }
}
