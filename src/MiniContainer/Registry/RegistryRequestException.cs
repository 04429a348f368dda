using System.Net;

namespace MiniContainer.Registry;

/// <summary>What kind of answer a registry gave (or failed to give).</summary>
public enum RegistryFailure
{
    Unreachable,
    Unauthorized,
    Forbidden,
    NotFound,
    ServerError,
    Unexpected,
    /// <summary>The connection closed in the middle of an exchange.</summary>
    ConnectionLost,
    /// <summary>No byte moved for the inactivity limit.</summary>
    Stalled,
}

/// <summary>
/// A registry request failed: the message names the registry, the request URL (never a credential
/// or token) and what to do about it.
/// </summary>
public sealed class RegistryRequestException : MiniContainerException
{
    public RegistryRequestException(RegistryFailure failure, string registry, string method, Uri url, HttpStatusCode? status, string detail, Exception? inner = null)
        : base(Describe(failure, registry, method, Shown(url), status, detail), inner ?? new HttpRequestException(detail))
    {
        Failure = failure;
        Registry = registry;
        Url = Shown(url);
        StatusCode = status;
    }

    public RegistryFailure Failure { get; }

    public string Registry { get; }

    /// <summary>The request URL without its query (upload state, tokens).</summary>
    public string Url { get; }

    public HttpStatusCode? StatusCode { get; }

    public static RegistryFailure Classify(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => RegistryFailure.Unauthorized,
        HttpStatusCode.Forbidden => RegistryFailure.Forbidden,
        HttpStatusCode.NotFound => RegistryFailure.NotFound,
        >= HttpStatusCode.InternalServerError => RegistryFailure.ServerError,
        _ => RegistryFailure.Unexpected,
    };

    private static string Shown(Uri url) => url.GetLeftPart(UriPartial.Path);

    private static string Describe(RegistryFailure failure, string registry, string method, string url, HttpStatusCode? status, string detail)
    {
        var answer = status is null ? "" : $" answered {(int)status} {status}";
        var request = $"{method} {url}";
        var suffix = string.IsNullOrWhiteSpace(detail) ? "" : $" ({detail.Trim()})";
        return failure switch
        {
            RegistryFailure.Unreachable => $"The registry {registry} could not be reached ({request}){suffix}. Check the address and that the registry runs.",
            RegistryFailure.Unauthorized => $"The registry {registry}{answer} to {request}: it refused the credentials, or needs some{suffix}. " +
                                            $"Log in (`docker login {registry}`), or set {Docker.Credentials.RegistryCredentials.UsernameVariable} and {Docker.Credentials.RegistryCredentials.PasswordVariable}.",
            RegistryFailure.Forbidden => $"The registry {registry}{answer} to {request}: the credentials may not do this{suffix}. Ask for pull/push rights on the repository.",
            RegistryFailure.NotFound => $"The registry {registry}{answer} to {request}: no such repository, tag or blob{suffix}. Check the image name and tag.",
            RegistryFailure.ConnectionLost => $"The registry {registry} closed the connection during {request}{suffix}. Try again; if it keeps happening, check the registry and what lies between (proxy, load balancer).",
            RegistryFailure.Stalled => $"The registry {registry} sent nothing for {detail.Trim()} during {request}, so the exchange was stopped. " +
                                       "Check the network and the registry, or allow longer pauses with --inactivity-timeout (MINICONTAINER_INACTIVITY_TIMEOUT).",
            RegistryFailure.ServerError => $"The registry {registry}{answer} to {request}: a server error{suffix}. Try again later or ask its operators.",
            _ => $"The registry {registry}{answer} to {request}{suffix}.",
        };
    }
}
