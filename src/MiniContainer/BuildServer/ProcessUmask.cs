namespace MiniContainer.BuildServer;

/// <summary>This process's umask, as Linux shows it in /proc/self/status ("0022"); "unknown" elsewhere.</summary>
internal static class ProcessUmask
{
    public static string Read()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("Umask:", StringComparison.Ordinal)) return line["Umask:".Length..].Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return "unknown";
    }
}
