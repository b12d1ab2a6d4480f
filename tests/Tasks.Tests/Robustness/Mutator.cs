using System.Text;

namespace HerokuAnalyzers.Tasks.Tests.Robustness;

/// <summary>
/// Random and mutated Heroku files for the hostile-input tests and the fuzz runner (bench/FileFuzz,
/// which links this file): edits that insert syntax fragments of all four file kinds, delete and
/// duplicate spans, flip characters, and now and then break the UTF-8.
/// </summary>
public static class Mutator
{
    private static readonly string[] Fragments =
    {
        ":", " ", "\t", "\r", "\n", "\r\n", "\uFEFF", "#", "!", "*", "**/", "[", "]", "{", "}", "\"", "'", "\\", "%PORT%", "&", "*a", "&a ",
        "- ", "? ", "web: ", "dotnet ef ", "bin/publish/", "sk_live_", "\0", "\u00e9", "\ud800", "<<: *a", "- [", "{{", "...",
        "[z-a]", "[!", "[^]", "[[:", ":]]", "[a-", "\\[", "**", "/**/", "./", "$PORT", "\u2013port ", "App.exe ", "..\\",
    };

    public static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 400)];
        random.NextBytes(bytes);
        return bytes;
    }

    public static byte[] Mutate(byte[] seed, Random random)
    {
        var text = new StringBuilder(Encoding.UTF8.GetString(seed));
        var edits = random.Next(1, 8);
        for (var i = 0; i < edits; i++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0:
                    text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1:
                    text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at));
                    break;
                case 2:
                    text.Insert(at, text.ToString(at, Math.Min(random.Next(1, 60), text.Length - at)));
                    break;
                default:
                    if (text.Length > 0)
                    {
                        text[at] = (char)random.Next(0, 128);
                    }

                    break;
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (random.Next(10) == 0 && bytes.Length > 0)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
        }

        return bytes;
    }
}
