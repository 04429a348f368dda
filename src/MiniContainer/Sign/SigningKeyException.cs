namespace MiniContainer.Sign;

/// <summary>A key file cannot sign or verify: not PEM, not ECDSA P-256, encrypted without a password, or a wrong password. Never carries the password.</summary>
public sealed class SigningKeyException(string message, bool passwordProblem = false, Exception? inner = null) : MiniContainerException(message, inner)
{
    /// <summary>The key is encrypted and the password is missing or wrong (the password setting is to fix, not the file).</summary>
    public bool PasswordProblem { get; } = passwordProblem;
}
