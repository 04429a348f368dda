using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace MiniContainer.BuildServer;

/// <summary>
/// Which build server a build may use: one of the same MiniContainer (its version in the socket's name, its
/// assembly's module version ID in the hash, so a rebuilt 0.1.0 is another server) started in the same
/// environment, folder and umask as this build, because the core reads those from its own process (DOCKER_HOST,
/// HOME, the MINICONTAINER_ variables, the files it creates). A build with another environment starts its own.
/// </summary>
public sealed record BuildServerIdentity(string Version, string CodeId, string Key)
{
    /// <summary>The socket's file name: the version readable, the rest a hash (a Unix socket's path has ~107 bytes).</summary>
    public string SocketName => $"server-{SafeVersion}-{Key}.sock";

    private string SafeVersion => new(Version.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').Take(32).ToArray());

    /// <summary>This process's identity: its MiniContainer, environment, working folder and umask.</summary>
    public static BuildServerIdentity Current()
    {
        var names = new List<string>();
        var variables = Environment.GetEnvironmentVariables();
        foreach (System.Collections.DictionaryEntry entry in variables)
            if (entry.Key is string name && !Ignored(name)) names.Add(name);
        var values = new string[names.Count];
        for (var i = 0; i < values.Length; i++) values[i] = variables[names[i]] as string ?? "";
        return Of(CurrentVersion, CurrentCodeId, [.. names], values, Directory.GetCurrentDirectory(), ProcessUmask.Read());
    }

    /// <summary>The identity of a build with this code, environment, folder and umask (pure; ignores what <see cref="Current"/> ignores).</summary>
    public static BuildServerIdentity For(string version, string codeId, IEnumerable<KeyValuePair<string, string>> environment, string workingDirectory, string umask)
    {
        var names = new List<string>();
        var values = new List<string>();
        foreach (var (name, value) in environment)
        {
            if (Ignored(name)) continue;
            names.Add(name);
            values.Add(value);
        }
        return Of(version, codeId, [.. names], [.. values], workingDirectory, umask);
    }

    // Arrays sorted, not LINQ over pairs: its generic instances would be JIT-compiled in every build's process.
    private static BuildServerIdentity Of(string version, string codeId, string[] names, string[] values, string workingDirectory, string umask)
    {
        Array.Sort(names, values, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append(version).Append('\0').Append(codeId).Append('\0').Append(workingDirectory).Append('\0').Append(umask).Append('\0');
        for (var i = 0; i < names.Length; i++) text.Append(names[i]).Append('=').Append(values[i]).Append('\0');
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
        return new BuildServerIdentity(version, codeId, hash[..24]);
    }

    /// <summary>The core's informational version (e.g. 0.1.0), as the packages carry it.</summary>
    public static string CurrentVersion { get; } =
        typeof(BuildServerIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>The core assembly's module version ID: a new one for every change of its code.</summary>
    public static string CurrentCodeId { get; } = typeof(BuildServerIdentity).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>
    /// The .NET runtime's diagnostic-port variables: a build traced or debugged with them (dotnet-trace, dotnet-monitor)
    /// would hand them to the server it starts, which would then connect to the build's tool, or with <c>suspend</c>
    /// wait at start-up for a resume nobody sends, for ever. The launcher leaves them out and the key ignores them
    /// (the core reads none).
    /// </summary>
    public static IReadOnlyList<string> RuntimeDiagnosticVariables { get; } =
        ["DOTNET_DiagnosticPorts", "DOTNET_DefaultDiagnosticPortSuspend", "COMPlus_DiagnosticPorts", "COMPlus_DefaultDiagnosticPortSuspend"];

    // What shells keep up to date themselves (the last command, the nesting level, the folders: the working folder is in
    // the key already): they differ between a build and the server it starts through /bin/sh, and the core reads none.
    private static bool Ignored(string name) => name is "_" or "SHLVL" or "PWD" or "OLDPWD" || IsRuntimeDiagnosticVariable(name);

    private static bool IsRuntimeDiagnosticVariable(string name)
    {
        foreach (var variable in RuntimeDiagnosticVariables)
            if (string.Equals(variable, name, StringComparison.Ordinal)) return true;
        return false;
    }
}
