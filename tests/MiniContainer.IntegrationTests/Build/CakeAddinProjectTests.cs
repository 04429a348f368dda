using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Build;

/// <summary>The project files that compile against Cake.Core from the Cake.Tool package, evaluated by the SDK's MSBuild (no build).</summary>
public class CakeAddinProjectTests
{
    [Theory]
    [InlineData("src/Cake.MiniContainer/Cake.MiniContainer.csproj", "/ci/nuget-cache")]
    [InlineData("src/Cake.MiniContainer/Cake.MiniContainer.csproj", "/ci/nuget-cache/")]
    [InlineData("tests/Cake.MiniContainer.Tests/Cake.MiniContainer.Tests.csproj", "/ci/nuget-cache")]
    [InlineData("tests/Cake.MiniContainer.Tests/Cake.MiniContainer.Tests.csproj", "/ci/nuget-cache/")]
    public void Cake_Core_is_found_in_the_Cake_Tool_package_under_a_package_root_with_or_without_a_trailing_slash(string projectFile, string packageRoot)
    {
        // NUGET_PACKAGES (a CI's package cache) becomes NuGetPackageRoot as written, where the default folder ends in '/'.
        var project = Path.Combine(TestBed.RepositoryRoot, projectFile);

        var run = ProcessRunner.Run("dotnet", ["msbuild", project, "-nologo", "-getProperty:CakeToolDirectory", $"-p:NuGetPackageRoot={packageRoot}"], timeoutSeconds: 120);

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.Trim().ShouldBe("/ci/nuget-cache/cake.tool/7.0.0/tools/net10.0/any/");
    }
}
