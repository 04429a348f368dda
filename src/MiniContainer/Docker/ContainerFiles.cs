using System.Formats.Tar;
using Docker.DotNet.Models;

namespace MiniContainer.Docker;

/// <summary>
/// Moves files in and out of a container through the engine's archive API: works against a
/// remote engine, where bind mounts would show the engine host's files, not ours.
/// </summary>
public sealed class ContainerFiles(DockerEngine engine)
{
    /// <summary>
    /// Copies a host folder to <paramref name="containerDirectory"/> (created as needed), for a go command to read: each file
    /// has its <see cref="ContentFileTime"/>, so Go's caches keyed on size and time see every edit, one that keeps the size too.
    /// </summary>
    public async Task CopyDirectoryInAsync(RunningContainer container, string hostDirectory, string containerDirectory, Func<string, bool>? include, CancellationToken cancellationToken)
    {
        using var archive = new MemoryStream();
        DeterministicTar.WriteDirectory(archive, hostDirectory, containerDirectory, include, timesFromContent: true);
        archive.Position = 0;
        await engine.CallAsync("copy into container " + container.Id[..12], (client, ct) => client.Containers.ExtractArchiveToContainerAsync(
            container.Id, new CopyToContainerParameters { Path = "/" }, archive, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="content"/> as the file <paramref name="containerPath"/> (its folders made as needed), with <paramref name="mode"/>.</summary>
    public Task CopyFileInAsync(RunningContainer container, string containerPath, byte[] content, UnixFileMode mode, CancellationToken cancellationToken) =>
        CopyFileInAsync(container.Id, containerPath, content, mode, cancellationToken);

    /// <summary>The same into a container this process did not create (a warm builder), by its ID.</summary>
    public async Task CopyFileInAsync(string containerId, string containerPath, byte[] content, UnixFileMode mode, CancellationToken cancellationToken)
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
        await engine.CallAsync("copy into container " + containerId[..12], (client, ct) => client.Containers.ExtractArchiveToContainerAsync(
            containerId, new CopyToContainerParameters { Path = "/" }, archive, ct), cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Copies the folder <paramref name="containerPath"/> out of the container into <paramref name="hostDirectory"/> (replaced whole):
    /// folders, regular files (0644, or 0755 when executable) and links whose target stays inside the folder; anything else
    /// (devices, setuid bits, links leading out) stays in the container. Returns false when the container has no such folder.
    /// </summary>
    public async Task<bool> CopyTreeOutAsync(RunningContainer container, string containerPath, string hostDirectory, CancellationToken cancellationToken)
    {
        await using var buffered = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        var found = await engine.StreamAsync("copy out of container " + container.Id[..12], async (client, guard, ct) =>
        {
            ContainerArchiveResponse response;
            try
            {
                response = await client.Containers.GetArchiveFromContainerAsync(
                    container.Id, new ContainerPathStatParameters { Path = containerPath }, false, ct).ConfigureAwait(false);
            }
            catch (global::Docker.DotNet.DockerContainerNotFoundException)
            {
                return false;
            }
            await using (var stream = new ActivityStream(response.Stream ?? throw new MiniContainerException($"The engine sent no archive for {containerPath}."), guard.Saw))
                await stream.CopyToAsync(buffered, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!found) return false;

        buffered.Position = 0;
        var staging = hostDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".partial";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        var root = Path.GetFullPath(staging);
        using (var reader = new TarReader(buffered))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                // The archive's entries start with the folder's own name ("zoneinfo/Europe/Paris").
                var slash = entry.Name.IndexOf('/');
                var relative = slash < 0 ? "" : entry.Name[(slash + 1)..].TrimEnd('/');
                if (relative.Length == 0) continue;
                var target = Path.GetFullPath(Path.Combine(root, relative));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile when entry.DataStream is { } data:
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        var executable = (entry.Mode & UnixFileMode.UserExecute) != 0;
                        await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
                            await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, executable ? (UnixFileMode)0b111_101_101 : ArtifactFile.DataMode);
                        break;
                    case TarEntryType.SymbolicLink when !Path.IsPathRooted(entry.LinkName)
                        && Path.GetFullPath(Path.Combine(Path.GetDirectoryName(target)!, entry.LinkName)).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal):
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        File.CreateSymbolicLink(target, entry.LinkName);
                        break;
                }
            }
        }
        if (Directory.Exists(hostDirectory)) Directory.Delete(hostDirectory, recursive: true);
        Directory.Move(staging, hostDirectory);
        return true;
    }
}
