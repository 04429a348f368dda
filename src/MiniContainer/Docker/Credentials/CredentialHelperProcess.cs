using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace MiniContainer.Docker.Credentials;

/// <summary>Runs <c>docker-credential-&lt;name&gt; get</c> from PATH: server address on stdin, JSON on stdout.</summary>
public sealed class CredentialHelperProcess : ICredentialHelper
{
    private const string NotFound = "credentials not found";

    public async Task<RegistryCredentials?> GetAsync(string helperName, string serverAddress, CancellationToken cancellationToken)
    {
        var program = ProgramName(helperName);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add("get");

        Process helper;
        try
        {
            helper = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new RegistryCredentialsException($"The Docker credential helper {program} (named in ~/.docker/config.json) could not be started: {e.Message}. Install it on PATH or remove it from config.json.");
        }

        using (helper)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(60));
            var stdout = helper.StandardOutput.ReadToEndAsync(limit.Token);
            var stderr = helper.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await helper.StandardInput.WriteAsync(serverAddress).ConfigureAwait(false);
                helper.StandardInput.Close();
            }
            catch (IOException)
            {
                // It exited before reading the address (a broken pipe): its exit code and error stream say why, below.
            }
            try
            {
                await helper.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                helper.Kill(entireProcessTree: true);
                throw;
            }
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);

            if (helper.ExitCode == 0 && output.Trim().Length == 0)
                throw new RegistryCredentialsException($"The Docker credential helper {program} ended for {serverAddress} without answering: {(errors.Trim() is { Length: > 0 } said ? said : "it printed nothing")}. Check that it works (`echo {serverAddress} | {program} get`).");
            if (helper.ExitCode != 0)
            {
                if (output.Contains(NotFound, StringComparison.OrdinalIgnoreCase) || errors.Contains(NotFound, StringComparison.OrdinalIgnoreCase)) return null;
                // Only the helper's error stream is shown: stdout could hold a secret.
                throw new RegistryCredentialsException($"The Docker credential helper {program} failed for {serverAddress} (exit code {helper.ExitCode}): " +
                    $"{(errors.Trim() is { Length: > 0 } said ? said : "it printed no error")}. Log in again with it, or remove it from config.json.");
            }
            return Parse(output, program, serverAddress);
        }
    }

    /// <summary>docker-credential-&lt;name&gt;, looked up on PATH: a name with a path separator would run a program from anywhere.</summary>
    /// <exception cref="RegistryCredentialsException">The name is empty or not a plain helper name.</exception>
    internal static string ProgramName(string helperName)
    {
        if (helperName.Length == 0 || helperName is "." or ".." || !helperName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new RegistryCredentialsException(
                $"The Docker config names the credential helper '{helperName}', which is not a helper name (docker-credential-<name> on PATH; letters, digits, '-', '_' and '.', no path separators). Fix credsStore or credHelpers in config.json.");
        return $"docker-credential-{helperName}";
    }

    internal static RegistryCredentials? Parse(string json, string program, string serverAddress)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var user = root.TryGetProperty("Username", out var u) ? u.GetString() ?? "" : "";
            var secret = root.TryGetProperty("Secret", out var s) ? s.GetString() ?? "" : "";
            if (secret.Length == 0) return null;
            var origin = $"credential helper {program}";
            return user == RegistryCredentials.IdentityTokenUser
                ? RegistryCredentials.FromIdentityToken(secret).From(origin)
                : new RegistryCredentials(user, secret).From(origin);
        }
        catch (JsonException)
        {
            throw new RegistryCredentialsException($"The Docker credential helper {program} answered for {serverAddress} with something that is not its JSON (Username, Secret).");
        }
    }
}
