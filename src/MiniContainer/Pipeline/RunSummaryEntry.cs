using MiniContainer.Elf;

namespace MiniContainer.Pipeline;

/// <summary>One line's worth of a <see cref="RunSummary"/>: a step's time, a skipped step, a binary, an image or its push.</summary>
public sealed record RunSummaryEntry(string Kind, string Name)
{
    public const string StepKind = "step";
    public const string SkippedKind = "skipped";
    public const string BinaryKind = "binary";
    public const string ImageKind = "image";

    public double? Seconds { get; init; }

    public string? Reason { get; init; }

    public long? Size { get; init; }

    public Linkage? Linkage { get; init; }

    public string? GoVersion { get; init; }

    /// <summary>Where an image was pushed, <c>&lt;reference&gt;@&lt;digest&gt;</c>.</summary>
    public string? Pushed { get; init; }

    public static RunSummaryEntry Step(string step, TimeSpan duration) => new(StepKind, step) { Seconds = duration.TotalSeconds };

    public static RunSummaryEntry Skipped(string step, string reason) => new(SkippedKind, step) { Reason = reason };

    public static RunSummaryEntry Binary(string name, long size, Linkage? linkage, string? goVersion) => new(BinaryKind, name) { Size = size, Linkage = linkage, GoVersion = goVersion };

    public static RunSummaryEntry Image(string reference, long size) => new(ImageKind, reference) { Size = size };

    public static RunSummaryEntry Digest(string reference, string pushed) => new(ImageKind, reference) { Pushed = pushed };
}
