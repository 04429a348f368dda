using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;

namespace MiniContainer;

/// <summary>
/// One build of a project at a time: builds of one source folder share its warm builder container
/// (cancelling one removes it under the other) and its output folder. The lock is flock(2) on a file
/// named by the folder's path, so the kernel releases it when the holder dies, even by SIGKILL, and
/// builds in other PID namespaces see it. Within one process it is shared: a recipe holds it for
/// the run, and its steps take it again.
/// </summary>
public sealed partial class ProjectBuildLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly Dictionary<string, Held> HeldHere = new(StringComparer.Ordinal);
    private static readonly List<ProjectBuildLock> HeldForTheRun = [];
    private readonly Held _held;
    private int _disposed;

    private ProjectBuildLock(Held held) => _held = held;

    /// <summary>The lock file; its holder's description is beside it (<c>.owner</c>).</summary>
    public string LockFile => _held.LockFile;

    // The folder holding the lock files: the user's own (XDG_RUNTIME_DIR, else ~/.cache), never a shared one
    // such as /tmp, where another user could plant a symbolic link at a lock's name and have a build write through it.
    private static readonly string LockDirectory = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Path.IsPathFullyQualified(runtime)
        ? Path.Combine(runtime, "minicontainer", "locks")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "minicontainer", "locks");

    /// <summary>Takes the lock of <paramref name="projectDirectory"/>, waiting (and saying so) while another build holds it.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public static async Task<ProjectBuildLock> AcquireAsync(string projectDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(projectDirectory);
        var lockFile = LockFileFor(path);
        var said = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryTake(path, lockFile) is { } taken) return taken;
            if (!said)
            {
                logger.LogInformation("Waiting for the build of {Project} ({Holder}) to finish: one build of a project runs at a time (it holds {LockFile}); Ctrl-C stops waiting",
                    path, DescribeHolder(lockFile), lockFile);
                said = true;
            }
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the lock (as <see cref="AcquireAsync"/>) and keeps it until this process ends: a host's whole run.</summary>
    public static async Task HoldForTheRunAsync(string projectDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var taken = await AcquireAsync(projectDirectory, logger, cancellationToken).ConfigureAwait(false);
        lock (HeldHere)
        {
            if (HeldForTheRun.Any(h => h._held == taken._held)) taken.Dispose();
            else HeldForTheRun.Add(taken);
        }
    }

    /// <summary>Whether this process holds a project's lock for its run (then a build server must not take it for the run).</summary>
    public static bool HoldsAnyForTheRun
    {
        get
        {
            lock (HeldHere) return HeldForTheRun.Count > 0;
        }
    }

    /// <summary>Releases the locks held for the run: a build server's run ended, its process goes on.</summary>
    public static void ReleaseHeldForTheRun()
    {
        List<ProjectBuildLock> held;
        lock (HeldHere)
        {
            held = [.. HeldForTheRun];
            HeldForTheRun.Clear();
        }
        foreach (var taken in held) taken.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        lock (HeldHere)
        {
            if (--_held.Count > 0) return;
            HeldHere.Remove(_held.LockFile);
            TryDelete(OwnerFileOf(_held.LockFile));
            _held.Stream.Dispose(); // closing the last descriptor releases the flock
        }
    }

    /// <summary>The lock file of a project folder, by its path (a symbolic link to it followed).</summary>
    internal static string LockFileFor(string projectDirectory)
    {
        // Not by inode: a deleted folder's inode is soon another folder's, which would then wait for a stranger.
        var key = Path.GetFullPath(projectDirectory);
        try
        {
            key = Directory.ResolveLinkTarget(key, returnFinalTarget: true)?.FullName ?? key;
        }
        catch (IOException)
        {
            // Not there (yet): its path is all there is.
        }
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
        return Path.Combine(LockDirectory, $"project-{hash[..16]}.lock");
    }

    private static ProjectBuildLock? TryTake(string projectDirectory, string lockFile)
    {
        // Open and register under one gate, so two steps of this process never wait for each other.
        lock (HeldHere)
        {
            if (HeldHere.TryGetValue(lockFile, out var already))
            {
                already.Count++;
                return new ProjectBuildLock(already);
            }
            if (Open(lockFile) is not { } stream) return null;
            WriteOwner(lockFile, projectDirectory);
            var held = new Held(lockFile, stream) { Count = 1 };
            HeldHere[lockFile] = held;
            return new ProjectBuildLock(held);
        }
    }

    /// <summary>The locked file, or null while another open file holds the lock.</summary>
    private static FileStream? Open(string lockFile)
    {
        EnsurePrivateDirectory(LockDirectory);
        // FileShare.None is .NET's flock(LOCK_EX | LOCK_NB) on Unix.
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        FileStream stream;
        try
        {
            stream = new FileStream(lockFile, options);
        }
        catch (IOException e) when (e.HResult is SharingViolation or WouldBlockLinux or WouldBlockBsd)
        {
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new MiniContainerException($"Cannot open {lockFile}, the lock that keeps two builds of one project apart ({e.Message}): make it writable for this user, or remove it when no build runs.", e);
        }
        // .NET skips its lock with DOTNET_SYSTEM_IO_DISABLEFILELOCKING: take it here too (a no-op when it is already ours).
        if (!OperatingSystem.IsWindows() && Flock(stream.SafeFileHandle.DangerousGetHandle().ToInt32(), LockExclusive | LockNonBlocking) != 0)
        {
            stream.Dispose();
            return null;
        }
        return stream;
    }

    // Who holds the lock, for the waiting build's message: written beside it, as the lock file itself cannot be read while held.
    private static void WriteOwner(string lockFile, string projectDirectory)
    {
        try
        {
            File.WriteAllText(OwnerFileOf(lockFile), $"{Environment.ProcessId}\n{HostProcessIdentity.Current}\n{projectDirectory}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the waiting build's message loses the pid.
        }
    }

    private static string DescribeHolder(string lockFile)
    {
        try
        {
            var lines = File.ReadAllLines(OwnerFileOf(lockFile));
            if (lines.Length >= 2 && HostProcessIdentity.Parse(lines[1]) is { } owner)
                return owner.PidNamespace == HostProcessIdentity.Current.PidNamespace && owner.Machine == HostProcessIdentity.Current.Machine
                    ? $"pid {owner.Pid}"
                    : $"pid {owner.Pid} in another PID namespace or host ({owner.Machine})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return "pid unknown";
    }

    private static string OwnerFileOf(string lockFile) => Path.ChangeExtension(lockFile, ".owner");

    private static void EnsurePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory)) return;
        try
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MiniContainerException($"Cannot make {directory}, where the lock that keeps two builds of one project apart lives ({e.Message}): make the folder above it writable for this user, or set XDG_RUNTIME_DIR to a folder that is.", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    // What a held lock fails the open with: Windows' sharing violation, or flock's EWOULDBLOCK errno (.NET's HResult on Unix).
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int WouldBlockLinux = 11;
    private const int WouldBlockBsd = 35;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    private sealed class Held(string lockFile, FileStream stream)
    {
        public string LockFile { get; } = lockFile;
        public FileStream Stream { get; } = stream;
        public int Count { get; set; }
    }
}
