namespace MiniContainer.Tests.Determinism;

/// <summary>The test assembly's entry point (the test SDK's generated one does nothing): runs one determinism case for FreshProcess.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is not [FreshProcess.Verb, var name] || !DeterminismCases.All.TryGetValue(name, out var write))
        {
            Console.Error.WriteLine($"usage: {FreshProcess.Verb} <{string.Join("|", DeterminismCases.All.Keys)}>");
            return 2;
        }
        Console.Out.Write(Convert.ToBase64String(write()));
        return 0;
    }
}
