using System.IO.Compression;
using System.Reflection.PortableExecutable;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>What ./build.sh Pack puts in the addin package Cake loads.</summary>
public class AddinPackageTests
{
    private static Dictionary<string, byte[]> LibraryFiles()
    {
        var package = Path.Combine(ConsumerRepository.Packages, "Cake.MiniContainer.0.1.0.nupkg");
        File.Exists(package).ShouldBeTrue($"Cake.MiniContainer is not packed in {ConsumerRepository.Packages}: run ./build.sh Pack (Test depends on it).");
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Where(e => e.FullName.StartsWith("lib/net10.0/", StringComparison.Ordinal)).ToDictionary(e => e.Name, e =>
        {
            using var stream = e.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });
    }

    [Fact]
    public void The_addin_and_the_libraries_it_bundles_are_ReadyToRun_so_Cake_does_not_JIT_them_on_every_build()
    {
        var files = LibraryFiles();

        foreach (var name in new[] { "Cake.MiniContainer.dll", "MiniContainer.dll", "ELFSharp.dll", "Docker.DotNet.dll" })
        {
            files.ShouldContainKey(name);
            using var pe = new PEReader(new MemoryStream(files[name]));
            // A ReadyToRun image carries native code behind the CLI header's ManagedNativeHeader (and its IL beside it).
            pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size.ShouldBeGreaterThan(0, $"{name} in the package is IL only");
            pe.PEHeaders.PEHeader!.Magic.ShouldBe(PEMagic.PE32Plus);
        }
    }

    [Fact]
    public void The_package_leaves_out_what_Cake_loads_itself()
    {
        var names = LibraryFiles().Keys.ToList();

        names.ShouldNotContain("Cake.Core.dll");
        names.ShouldNotContain("Cake.Common.dll");
        names.ShouldNotContain("Microsoft.Extensions.Logging.Abstractions.dll");
        names.ShouldContain("Cake.MiniContainer.xml");
    }
}
