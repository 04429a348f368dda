using MiniContainer.Docker.Credentials;

namespace MiniContainer.Tests.Docker.Credentials;

/// <summary>Real helper programs (shell scripts on PATH): names that could run a program from elsewhere, and helpers that exit early.</summary>
public sealed class CredentialHelperProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cred-helpers").FullName;
    private readonly string? _path = Environment.GetEnvironmentVariable("PATH");

    public CredentialHelperProcessTests() => Environment.SetEnvironmentVariable("PATH", _folder + Path.PathSeparator + _path);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _path);
        Directory.Delete(_folder, recursive: true);
    }

    private string Helper(string name, string script)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    [Theory]
    [InlineData("x/../evil")]
    [InlineData("/tmp/evil")]
    [InlineData("..\\evil")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("pass --verbose")]
    public async Task A_helper_name_that_is_not_a_plain_name_is_refused_before_anything_is_started(string name)
    {
        // A name with a separator makes docker-credential-<name> a path, run from wherever it points.
        var error = await Should.ThrowAsync<RegistryCredentialsException>(() => new CredentialHelperProcess().GetAsync(name, "registry.corp", CancellationToken.None));

        error.Message.ShouldContain($"'{name}', which is not a helper name");
        error.Message.ShouldContain("config.json");
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("ecr-login")]
    [InlineData("secretservice")]
    [InlineData("osxkeychain")]
    public void Helper_names_docker_knows_are_accepted(string name) => CredentialHelperProcess.ProgramName(name).ShouldBe($"docker-credential-{name}");

    [Fact]
    public async Task A_helper_that_exits_before_reading_the_address_gives_one_clear_error_with_its_own_words()
    {
        Helper("docker-credential-mc-early", "echo 'mc-early: the keyring is locked' >&2; exit 4");
        // More than a pipe holds, so the write meets the exited helper (a broken pipe) every time.
        var address = "registry.corp/" + new string('a', 1 << 20);

        var error = await Should.ThrowAsync<RegistryCredentialsException>(() => new CredentialHelperProcess().GetAsync("mc-early", address, CancellationToken.None));

        error.Message.ShouldContain("docker-credential-mc-early failed");
        error.Message.ShouldContain("exit code 4");
        error.Message.ShouldContain("mc-early: the keyring is locked");
    }

    [Fact]
    public async Task A_helper_that_succeeds_without_an_answer_says_so()
    {
        Helper("docker-credential-mc-silent", "exit 0");

        var error = await Should.ThrowAsync<RegistryCredentialsException>(() => new CredentialHelperProcess().GetAsync("mc-silent", "registry.corp", CancellationToken.None));

        error.Message.ShouldContain("docker-credential-mc-silent ended for registry.corp without answering");
    }
}
