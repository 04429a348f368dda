using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;

namespace MiniContainer.Tests.Oci.Outputs;

/// <summary>
/// Links planted at the predictable paths a daemonless compose writes (the layout's oci-layout and
/// index.json, the docker-archive and its old .tmp): each is replaced by the file, and what it pointed at is untouched.
/// </summary>
public sealed class PlantedLinkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mc-planted-links-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Links_at_the_layouts_and_the_archives_paths_are_replaced_and_their_targets_untouched()
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(_folder, "artifacts")).FullName;
        var outputs = OciOutputs.Under(artifacts, "hello");
        Directory.CreateDirectory(outputs.LayoutDirectory!);
        var planted = new[]
        {
            Path.Combine(outputs.LayoutDirectory!, "oci-layout"), Path.Combine(outputs.LayoutDirectory!, "index.json"),
            Path.Combine(outputs.LayoutDirectory!, "index.json.tmp"), outputs.ArchivePath!, outputs.ArchivePath + ".tmp",
        };
        var victims = planted.Select((path, i) =>
        {
            var victim = Path.Combine(_folder, $"victim-{i}");
            File.WriteAllText(victim, "untouched");
            File.CreateSymbolicLink(path, victim);
            return victim;
        }).ToList();
        var binary = Path.Combine(_folder, "hello");
        File.Copy("/bin/true", binary);

        await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(new RuntimeImageSpec().OnScratch().WithBinary(binary), ["hello:1"], outputs)
        {
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            BlobCache = new BlobStore(Path.Combine(_folder, "cache")),
        });

        victims.Select(v => File.ReadAllText(v)).ShouldAllBe(text => text == "untouched");
        foreach (var path in planted.Where(p => !p.EndsWith(".tmp", StringComparison.Ordinal)))
            new FileInfo(path).LinkTarget.ShouldBeNull($"{path} is still a link");
    }
}
