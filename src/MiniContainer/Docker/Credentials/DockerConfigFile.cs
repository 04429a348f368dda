using System.Text;
using System.Text.Json;

namespace MiniContainer.Docker.Credentials;

/// <summary>
/// The credential parts of the docker CLI's config.json: credHelpers, credsStore and auths
/// (registry keys normalised, so "https://host:5000/v1/" and "host:5000" are the same entry).
/// </summary>
public sealed class DockerConfigFile
{
    private DockerConfigFile(string path, IReadOnlyDictionary<string, string> credHelpers, string? credsStore, IReadOnlyDictionary<string, RegistryCredentials> auths)
    {
        Path = path;
        CredHelpers = credHelpers;
        CredsStore = credsStore;
        Auths = auths;
    }

    public string Path { get; }

    /// <summary>Normalised registry host -> helper name (docker-credential-&lt;name&gt;).</summary>
    public IReadOnlyDictionary<string, string> CredHelpers { get; }

    public string? CredsStore { get; }

    /// <summary>Normalised registry host -> credentials stored inline (base64 "auth" or fields).</summary>
    public IReadOnlyDictionary<string, RegistryCredentials> Auths { get; }

    /// <summary>$DOCKER_CONFIG/config.json, else ~/.docker/config.json, as the docker CLI looks.</summary>
    public static string DefaultPath(Func<string, string?>? getVariable = null) =>
        System.IO.Path.Combine(Folder(getVariable ?? Environment.GetEnvironmentVariable), "config.json");

    /// <summary>The docker CLI's folder: $DOCKER_CONFIG, else .docker in <paramref name="home"/> (the user's profile when null).</summary>
    public static string Folder(Func<string, string?> getVariable, string? home = null) =>
        getVariable("DOCKER_CONFIG") is { Length: > 0 } folder
            ? folder
            : System.IO.Path.Combine(home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    /// <summary>Reads the file; null when it does not exist (then there are no stored credentials).</summary>
    /// <exception cref="RegistryCredentialsException">The file is not valid JSON.</exception>
    public static async Task<DockerConfigFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return null;
        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    /// <exception cref="RegistryCredentialsException">The text is not a valid config.json.</exception>
    public static DockerConfigFile Parse(string json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new RegistryCredentialsException($"The Docker config {path} is not valid JSON (line {e.LineNumber + 1}): fix or remove it.");
        }

        using (document)
        {
            var root = document.RootElement;
            var helpers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("credHelpers", out var credHelpers) && credHelpers.ValueKind == JsonValueKind.Object)
                foreach (var entry in credHelpers.EnumerateObject())
                    if (entry.Value.GetString() is { Length: > 0 } helper) helpers[RegistryHost.Normalize(entry.Name)] = helper;

            var store = root.TryGetProperty("credsStore", out var credsStore) && credsStore.ValueKind == JsonValueKind.String ? credsStore.GetString() : null;

            var auths = new Dictionary<string, RegistryCredentials>(StringComparer.Ordinal);
            if (root.TryGetProperty("auths", out var authsElement) && authsElement.ValueKind == JsonValueKind.Object)
                foreach (var entry in authsElement.EnumerateObject())
                    if (ReadAuth(entry.Value, entry.Name, path) is { } credentials) auths[RegistryHost.Normalize(entry.Name)] = credentials;

            return new DockerConfigFile(path, helpers, string.IsNullOrEmpty(store) ? null : store, auths);
        }
    }

    private static RegistryCredentials? ReadAuth(JsonElement entry, string registry, string path)
    {
        if (entry.ValueKind != JsonValueKind.Object) return null;
        var origin = $"{path} (auths)";
        if (String(entry, "identitytoken") is { Length: > 0 } token) return RegistryCredentials.FromIdentityToken(token).From(origin);
        if (String(entry, "auth") is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException)
            {
                throw new RegistryCredentialsException($"The Docker config {path} has an 'auth' for {registry} that is not base64: log in again (`docker login {registry}`).");
            }
            var colon = decoded.IndexOf(':');
            if (colon <= 0)
                throw new RegistryCredentialsException($"The Docker config {path} has an 'auth' for {registry} that is not base64 of 'user:password': log in again (`docker login {registry}`).");
            return new RegistryCredentials(decoded[..colon], decoded[(colon + 1)..]).From(origin);
        }
        if (String(entry, "username") is { Length: > 0 } user && String(entry, "password") is { Length: > 0 } password)
            return new RegistryCredentials(user, password).From(origin);
        return null;
    }

    private static string? String(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
