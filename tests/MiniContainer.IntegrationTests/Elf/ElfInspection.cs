using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Elf;

/// <summary>What binutils' readelf says about a binary: an independent reader of our output.</summary>
internal static class ElfInspection
{
    public static string ProgramHeaders(string binary) => ProcessRunner.Run("readelf", ["-lW", binary]).Output;

    public static string DynamicSection(string binary) => ProcessRunner.Run("readelf", ["-dW", binary]).Output;

    public static void ShouldBeStatic(string binary)
    {
        ProgramHeaders(binary).ShouldNotContain("INTERP");
        DynamicSection(binary).ShouldNotContain("(NEEDED)");
    }
}
