namespace MiniContainer.Registry;

/// <summary>What a push did with each blob: uploaded, mounted from another repository, or found already there.</summary>
public sealed record PushCounts(int Uploaded, int Mounted, int AlreadyThere)
{
    public override string ToString() => $"{Uploaded} uploaded, {Mounted} mounted, {AlreadyThere} already there";
}
