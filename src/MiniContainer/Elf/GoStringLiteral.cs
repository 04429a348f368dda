using System.Globalization;
using System.Text;

namespace MiniContainer.Elf;

/// <summary>Go's strconv.Quote / Unquote for double-quoted literals, as build settings are written.</summary>
internal static class GoStringLiteral
{
    /// <summary>The length of the double-quoted literal at the start of <paramref name="text"/>, or -1.</summary>
    internal static int QuotedPrefixLength(string text)
    {
        if (!text.StartsWith('"'))
        {
            return -1;
        }

        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i + 1;
            }
        }

        return -1;
    }

    internal static bool TryUnquote(string literal, out string value)
    {
        value = string.Empty;
        if (literal.Length < 2 || literal[0] != '"' || literal[^1] != '"')
        {
            return false;
        }

        var bytes = new List<byte>(literal.Length);
        for (var i = 1; i < literal.Length - 1; i++)
        {
            var c = literal[i];
            if (c != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            if (++i >= literal.Length - 1)
            {
                return false;
            }

            switch (literal[i])
            {
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case 'x' when TryHex(literal, i + 1, 2, out var b):
                    bytes.Add((byte)b);
                    i += 2;
                    break;
                case 'u' when TryHex(literal, i + 1, 4, out var u):
                    bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(u)));
                    i += 4;
                    break;
                case 'U' when TryHex(literal, i + 1, 8, out var u) && u <= 0x10FFFF:
                    bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(u)));
                    i += 8;
                    break;
                case >= '0' and <= '7' when i + 2 < literal.Length - 1 && IsOctal(literal[i + 1]) && IsOctal(literal[i + 2]):
                    bytes.Add((byte)Convert.ToInt32(literal.Substring(i, 3), 8));
                    i += 2;
                    break;
                default:
                    return false;
            }
        }

        value = Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private static bool TryHex(string text, int start, int digits, out int value)
    {
        value = 0;
        return start + digits <= text.Length - 1
            && int.TryParse(text.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            && (value < 0xD800 || value > 0xDFFF);
    }

    /// <summary>Quotes like Go's strconv.Quote for printable text (used to print settings as <c>go version -m</c> does).</summary>
    internal static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
