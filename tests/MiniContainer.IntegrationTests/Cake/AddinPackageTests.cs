using System.IO.Compression;
using System.Reflection.PortableExecutable;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>What ./build.sh Pack puts in the addin package Cake loads.</summary>
public class AddinPackageTests
{
    private static Dictionary<string, byte[]> LibraryFiles() => PackageFiles("lib/net10.0/");

    /// <summary>The package's files under <paramref name="folder"/>, by name.</summary>
    private static Dictionary<string, byte[]> PackageFiles(string folder)
    {
        var package = Path.Combine(ConsumerRepository.Packages, "Cake.MiniContainer.0.1.0.nupkg");
        File.Exists(package).ShouldBeTrue($"Cake.MiniContainer is not packed in {ConsumerRepository.Packages}: run ./build.sh Pack (Test depends on it).");
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal)).ToDictionary(e => e.Name, e =>
        {
            using var stream = e.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });
    }

    [Fact]
    public void The_recipe_references_every_assembly_in_the_packages_lib_folder_and_no_other_so_it_needs_no_addin_line()
    {
        var recipe = System.Text.Encoding.UTF8.GetString(PackageFiles("content/")["minicontainer.cake"]);
        var referenced = recipe.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("#r ", StringComparison.Ordinal))
            .Select(line => line[3..].Trim().Trim('"')).ToList();
        var bundled = LibraryFiles().Keys.Where(name => name.EndsWith(".dll", StringComparison.Ordinal)).Select(name => $"../lib/net10.0/{name}");

        referenced.ShouldBe(bundled, ignoreOrder: true, "content/minicontainer.cake's #r lines must name exactly the DLLs the package bundles in lib/net10.0");
    }

    [Fact]
    public void Every_assembly_the_addin_package_bundles_Docker_DotNet_included_is_ReadyToRun_so_Cake_does_not_JIT_it_on_every_build()
    {
        var files = LibraryFiles();
        var assemblies = files.Keys.Where(name => name.EndsWith(".dll", StringComparison.Ordinal)).ToList();

        assemblies.ShouldContain("Docker.DotNet.dll");
        assemblies.ShouldContain("Docker.DotNet.Unix.dll");
        assemblies.ShouldContain("ELFSharp.dll");
        foreach (var name in assemblies)
        {
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
