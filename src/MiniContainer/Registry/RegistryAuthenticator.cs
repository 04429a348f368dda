using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MiniContainer.Docker.Credentials;

namespace MiniContainer.Registry;

/// <summary>
/// Answers a registry's challenges as the docker CLI does: Basic with the user's credentials, or a
/// Bearer token from the challenge's realm (anonymous, with Basic credentials, or an identity token),
/// kept per scope. No secret or token ever goes into a message.
/// </summary>
internal sealed class RegistryAuthenticator(HttpClient http, RegistryAddress address, RegistryCredentials? credentials)
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private AuthChallenge? _challenge;

    /// <summary>The Authorization header already earned for these scopes; null before the first challenge.</summary>
    public AuthenticationHeaderValue? HeaderFor(IReadOnlyList<string> scopes)
    {
        if (_challenge is null) return null;
        if (_challenge.IsBasic) return credentials is null || credentials.IdentityToken is not null ? null : Basic(credentials);
        return _tokens.TryGetValue(Key(scopes), out var token) ? new AuthenticationHeaderValue("Bearer", token) : null;
    }

    /// <summary>Learns from a 401; true when a retry now carries something it did not before (a new Bearer token counts).</summary>
    public async Task<bool> RespondAsync(AuthChallenge challenge, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var hadHeader = HeaderFor(scopes) is not null;
        _challenge = challenge;
        if (challenge.IsBasic) return !hadHeader && HeaderFor(scopes) is not null;
        // A 401 to a request that carried a token: it expired (a long push). The caller retries once, so a second 401 fails.
        _tokens[Key(scopes)] = await FetchTokenAsync(challenge, scopes, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> FetchTokenAsync(AuthChallenge challenge, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (challenge.Realm is not { Length: > 0 } realm || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
            throw new RegistryRequestException(RegistryFailure.Unexpected, address.Registry, "GET", new Uri("about:blank"), null,
                "its Bearer challenge names no usable realm (token service URL)");

        // A token service on another origin over plain HTTP would show the credentials to anyone on the path.
        if (credentials is not null && !address.MayReceiveCredentials(realmUri))
            throw new RegistryRequestException(RegistryFailure.Unexpected, address.Registry, "GET", realmUri, null,
                "its token service is on another host over plain HTTP, so the credentials are not sent there; the registry's operators must serve it over https");

        var allScopes = scopes.Concat(challenge.Parameters.TryGetValue("scope", out var asked) ? asked.Split(' ') : []).Distinct(StringComparer.Ordinal).ToList();
        using var request = credentials?.IdentityToken is { } identityToken
            ? new HttpRequestMessage(HttpMethod.Post, realmUri) { Content = new FormUrlEncodedContent(OAuthForm(challenge, allScopes, identityToken)) }
            : new HttpRequestMessage(HttpMethod.Get, TokenUri(realmUri, challenge.Service, allScopes));
        if (credentials is { IdentityToken: null }) request.Headers.Authorization = Basic(credentials);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && ExchangeStalledException.In(e) is { } stalled && !cancellationToken.IsCancellationRequested)
        {
            throw new RegistryRequestException(RegistryFailure.Stalled, address.Registry, request.Method.Method, realmUri, null, $"{stalled.Limit.TotalSeconds:0.###} s (its token service)", e);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryRequestException(RegistryFailure.Unreachable, address.Registry, request.Method.Method, realmUri, null, $"its token service: {e.Message}", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new RegistryRequestException(RegistryRequestException.Classify(response.StatusCode), address.Registry, request.Method.Method, realmUri, response.StatusCode,
                    response.StatusCode == HttpStatusCode.Unauthorized && credentials is not null ? $"the token service refused {credentials}" : "the token service said no");
            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            foreach (var name in new[] { "token", "access_token" })
                if (json.RootElement.TryGetProperty(name, out var token) && token.GetString() is { Length: > 0 } value) return value;
            throw new RegistryRequestException(RegistryFailure.Unexpected, address.Registry, request.Method.Method, realmUri, response.StatusCode, "the token service answered without a token");
        }
    }

    internal static Uri TokenUri(Uri realm, string? service, IEnumerable<string> scopes)
    {
        var query = new StringBuilder(realm.Query.TrimStart('?'));
        if (service is not null) Append(query, "service", service);
        foreach (var scope in scopes) Append(query, "scope", scope);
        return new UriBuilder(realm) { Query = query.ToString() }.Uri;
    }

    private static void Append(StringBuilder query, string name, string value) =>
        query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));

    private static Dictionary<string, string> OAuthForm(AuthChallenge challenge, IReadOnlyList<string> scopes, string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["service"] = challenge.Service ?? "",
        ["scope"] = string.Join(' ', scopes),
        ["client_id"] = "minicontainer",
        ["refresh_token"] = refreshToken,
    };

    private static AuthenticationHeaderValue Basic(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));

    private static string Key(IReadOnlyList<string> scopes) => string.Join(' ', scopes);
}
