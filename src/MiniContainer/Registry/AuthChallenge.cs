using System.Net.Http.Headers;

namespace MiniContainer.Registry;

/// <summary>A WWW-Authenticate challenge: Basic, or Bearer with realm/service/scope. Pure parsing.</summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    /// <summary>The first Bearer or Basic challenge of a response, or null.</summary>
    public static AuthChallenge? From(HttpHeaders headers) =>
        headers.TryGetValues("WWW-Authenticate", out var values) ? values.Select(Parse).FirstOrDefault(c => c is { IsBearer: true } or { IsBasic: true }) : null;

    /// <summary>Parses <c>Bearer realm="https://auth/token",service="registry",scope="repository:a/b:pull"</c>.</summary>
    public static AuthChallenge? Parse(string header)
    {
        var text = header.Trim();
        var space = text.IndexOf(' ');
        var scheme = space < 0 ? text : text[..space];
        if (scheme.Length == 0) return null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space < 0 ? text.Length : space + 1;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] is ' ' or ',') i++;
            var equals = text.IndexOf('=', i);
            if (equals < 0) break;
            var name = text[i..equals].Trim();
            i = equals + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var builder = new System.Text.StringBuilder();
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    builder.Append(text[i]);
                }
                i++;
                value = builder.ToString();
            }
            else
            {
                var comma = text.IndexOf(',', i);
                value = (comma < 0 ? text[i..] : text[i..comma]).Trim();
                i = comma < 0 ? text.Length : comma;
            }
            if (name.Length > 0) parameters[name] = value;
        }
        return new AuthChallenge(scheme, parameters);
    }
}
