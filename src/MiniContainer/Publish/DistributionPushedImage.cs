using MiniContainer.Registry;

namespace MiniContainer.Publish;

/// <summary>An image pushed without an engine: the same record as the engine path's, every tag, and what each blob needed.</summary>
public sealed record DistributionPushedImage(PublishedImage Published, IReadOnlyList<string> Tags, PushCounts Counts)
{
    public string Digest => Published.Digest;
}
