namespace MiniContainer.Images;

/// <summary>A port the image declares (EXPOSE); documentation for whoever runs it.</summary>
public sealed record ExposedPort(int Port, string Protocol = "tcp")
{
    public override string ToString() => $"{Port}/{Protocol}";
}
