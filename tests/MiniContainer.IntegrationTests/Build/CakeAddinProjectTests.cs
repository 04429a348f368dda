using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Build;

/// <summary>src/Cake.MiniContainer's project file, evaluated by the SDK's MSBuild (no build).</summary>
public class CakeAddinProjectTests
{
    [Theory]
    [InlineData("/ci/nuget-cache")]
    [InlineData("/ci/nuget-cache/")]
    public void The_addin_compiles_against_the_Cake_Tool_package_under_a_package_root_with_or_without_a_trailing_slash(string packageRoot)
    {
        // NUGET_PACKAGES (a CI's package cache) becomes NuGetPackageRoot as written, where the default folder ends in '/'.
        var project = Path.Combine(TestBed.RepositoryRoot, "src", "Cake.MiniContainer", "Cake.MiniContainer.csproj");

        var run = ProcessRunner.Run("dotnet", ["msbuild", project, "-nologo", "-getProperty:CakeToolDirectory", $"-p:NuGetPackageRoot={packageRoot}"], timeoutSeconds: 120);

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.Trim().ShouldBe("/ci/nuget-cache/cake.tool/7.0.0/tools/net10.0/any/");
    }
}
