using System.Globalization;
using MiniContainer.Elf;
using MiniContainer.Go;
using MiniContainer.Verify;

namespace MiniContainer.Pipeline;

/// <summary>What a run did, for the table printed at its end: binaries, images and step times.</summary>
public sealed class RunSummary
{
    private readonly List<(string Step, TimeSpan Duration)> _steps = [];
    private readonly SortedDictionary<string, BinaryLine> _binaries = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ImageLine> _images = new(StringComparer.Ordinal);
    private readonly List<string> _skipped = [];

    /// <summary>The summary of this process's run (a Cake or NUKE run is one process).</summary>
    public static RunSummary Current { get; } = new();

    public RunSummary()
    {
    }

    private int _printAtExit;

    public bool IsEmpty => _steps.Count == 0 && _skipped.Count == 0;

    /// <summary>
    /// Prints the summary when the process ends, after the host's own task table, whether the run passed
    /// or failed (an exit hook, so the pipeline takes neither Setup nor Teardown from the script).
    /// </summary>
    public void PrintAtExit(Action<string> writeLine)
    {
        if (Interlocked.Exchange(ref _printAtExit, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (IsEmpty) return;
            writeLine("");
            writeLine("MiniContainer summary");
            foreach (var line in Render()) writeLine(line);
        };
    }

    /// <summary>Every entry as it is added: a build server sends them to the build it runs a step for.</summary>
    public event Action<RunSummaryEntry>? EntryAdded;

    public void AddStep(string step, TimeSpan duration) => Apply(RunSummaryEntry.Step(step, duration));

    /// <summary>A step that did not run, and why (e.g. SmokeTest without an engine).</summary>
    public void AddSkipped(string step, string reason) => Apply(RunSummaryEntry.Skipped(step, reason));

    public void AddBinary(string name, long size) => Apply(RunSummaryEntry.Binary(name, size, null, null));

    public void AddVerification(string name, BinaryReport report) =>
        Apply(RunSummaryEntry.Binary(name, report.File.Size, report.Linking.Linkage, report.Go.BuildInfo?.GoVersion));

    public void AddImage(string reference, long size) => Apply(RunSummaryEntry.Image(reference, size));

    public void AddDigest(string reference, string pushedAs, string digest) => Apply(RunSummaryEntry.Digest(reference, $"{pushedAs}@{digest}"));

    /// <summary>Adds one entry, as the Add methods make them or as a build server sent it.</summary>
    public void Apply(RunSummaryEntry entry)
    {
        switch (entry.Kind)
        {
            case RunSummaryEntry.StepKind:
                lock (_steps) _steps.Add((entry.Name, TimeSpan.FromSeconds(entry.Seconds ?? 0)));
                break;
            case RunSummaryEntry.SkippedKind:
                lock (_steps) _skipped.Add($"{entry.Name}: {entry.Reason}");
                break;
            case RunSummaryEntry.BinaryKind when entry.Linkage is null && entry.GoVersion is null:
                Update(_binaries, entry.Name, line => line with { Size = entry.Size ?? line.Size }, new BinaryLine(entry.Size ?? 0, null, null));
                break;
            case RunSummaryEntry.BinaryKind:
                Update(_binaries, entry.Name, line => line with { Size = entry.Size ?? line.Size, Linkage = entry.Linkage, GoVersion = entry.GoVersion },
                    new BinaryLine(entry.Size ?? 0, entry.Linkage, entry.GoVersion));
                break;
            case RunSummaryEntry.ImageKind when entry.Pushed is null:
                Update(_images, entry.Name, line => line with { Size = entry.Size }, new ImageLine(entry.Size, null));
                break;
            case RunSummaryEntry.ImageKind:
                Update(_images, entry.Name, line => line with { Pushed = entry.Pushed }, new ImageLine(null, entry.Pushed));
                break;
            default:
                return;
        }
        EntryAdded?.Invoke(entry);
    }

    /// <summary>The summary as lines: one per binary, image and step.</summary>
    public IReadOnlyList<string> Render()
    {
        var lines = new List<string>();
        lock (_steps)
        {
            if (_binaries.Count > 0)
            {
                lines.Add("Binaries:");
                foreach (var (name, b) in _binaries)
                    lines.Add($"  {name,-24} {Size(b.Size),10}  {Linking(b.Linkage),-22} {b.GoVersion ?? "(Go version not read)"}");
            }
            if (_images.Count > 0)
            {
                lines.Add("Images:");
                foreach (var (reference, i) in _images)
                    lines.Add($"  {reference,-40} {(i.Size is { } s ? Size(s) : ""),10}  {i.Pushed ?? "(not pushed)"}");
            }
            if (_skipped.Count > 0)
            {
                lines.Add("Skipped:");
                foreach (var skipped in _skipped) lines.Add($"  {skipped}");
            }
            if (_steps.Count > 0)
            {
                lines.Add("Steps:");
                foreach (var (step, duration) in _steps)
                    lines.Add($"  {step,-24} {duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),8} s");
            }
        }
        return lines;
    }

    private void Update<T>(SortedDictionary<string, T> lines, string key, Func<T, T> change, T created)
    {
        lock (_steps) lines[key] = lines.TryGetValue(key, out var line) ? change(line) : created;
    }

    private static string Linking(Linkage? linkage) => linkage switch
    {
        Linkage.Static => "static",
        Linkage.StaticPie => "static (static-pie)",
        Linkage.Dynamic => "DYNAMIC",
        _ => "(not verified)",
    };

    internal static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes + " B",
    };

    private sealed record BinaryLine(long Size, Linkage? Linkage, string? GoVersion);

    private sealed record ImageLine(long? Size, string? Pushed);
}
