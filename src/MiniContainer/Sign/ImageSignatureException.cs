namespace MiniContainer.Sign;

/// <summary>An image's signature could not be pushed, or a pushed image's signature does not hold: the message names the image, its digest and what to do.</summary>
public sealed class ImageSignatureException(string message, Exception? inner = null) : MiniContainerException(message, inner);
