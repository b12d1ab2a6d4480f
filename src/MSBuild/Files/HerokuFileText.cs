using System;
using System.IO;
using System.Text;

namespace HerokuAnalyzers.Tasks.Files
{
    /// <summary>
    /// A Heroku file read as the platform reads it: raw bytes that must be UTF-8 (docs/heroku-facts.md#procfile-cnb-grammar).
    /// A BOM is kept in <see cref="Text"/> because Heroku does not strip it either.
    /// </summary>
    internal sealed class HerokuFileText
    {
        /// <summary>Files above this size are checked only up to it, so hostile input stays cheap.</summary>
        public const int MaxCheckedBytes = 4 * 1024 * 1024;

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private static readonly UTF8Encoding LenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        private HerokuFileText(string path, string text, long length, string? encodingProblem, int problemLine, int problemColumn)
        {
            Path = path;
            Text = text;
            Length = length;
            EncodingProblem = encodingProblem;
            EncodingProblemLine = problemLine;
            EncodingProblemColumn = problemColumn;
        }

        public string Path { get; }

        /// <summary>The decoded text (lenient where the bytes are not UTF-8), at most <see cref="MaxCheckedBytes"/>.</summary>
        public string Text { get; }

        public long Length { get; }

        public bool IsTruncated => Length > MaxCheckedBytes;

        public bool StartsWithBom => Text.Length > 0 && Text[0] == '\uFEFF';

        /// <summary>Why the bytes are not UTF-8, or null when they are.</summary>
        public string? EncodingProblem { get; }

        public int EncodingProblemLine { get; }

        public int EncodingProblemColumn { get; }

        /// <summary>Reads the file; an I/O failure (a directory named Procfile, no permission) becomes <paramref name="error"/>.</summary>
        public static bool TryRead(string path, out HerokuFileText? file, out string? error)
        {
            try
            {
                file = Read(path);
                error = null;
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                file = null;
                error = ex.Message;
                return false;
            }
        }

        public static HerokuFileText Read(string path)
        {
            byte[] bytes;
            long length;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                length = stream.Length;
                var toRead = (int)Math.Min(length, MaxCheckedBytes);
                bytes = new byte[toRead];
                var read = 0;
                while (read < toRead)
                {
                    var n = stream.Read(bytes, read, toRead - read);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                if (read < toRead)
                {
                    Array.Resize(ref bytes, read);
                }
            }

            return FromBytes(path, bytes, length);
        }

        public static HerokuFileText FromBytes(string path, byte[] bytes, long length)
        {
            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                var utf16 = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
                var text = utf16.GetString(bytes, 2, bytes.Length - 2);
                return new HerokuFileText(path, text, length, "is UTF-16 (it starts with a UTF-16 byte order mark); Heroku reads only UTF-8", 1, 1);
            }

            try
            {
                return new HerokuFileText(path, StrictUtf8.GetString(bytes), length, null, 0, 0);
            }
            catch (DecoderFallbackException ex)
            {
                var index = Math.Max(0, Math.Min(ex.Index, bytes.Length));
                if (length > bytes.Length && index >= bytes.Length - 3)
                {
                    // The cut at MaxCheckedBytes split a character: the file itself may be fine.
                    return new HerokuFileText(path, LenientUtf8.GetString(bytes), length, null, 0, 0);
                }

                var prefix = LenientUtf8.GetString(bytes, 0, index);
                var line = 1;
                var lineStart = 0;
                for (var i = 0; i < prefix.Length; i++)
                {
                    if (prefix[i] == '\n')
                    {
                        line++;
                        lineStart = i + 1;
                    }
                }

                return new HerokuFileText(
                    path,
                    LenientUtf8.GetString(bytes),
                    length,
                    "is not valid UTF-8 (byte 0x" + bytes[index].ToString("X2") + " at offset " + index + "); Heroku reads only UTF-8",
                    line,
                    prefix.Length - lineStart + 1);
            }
        }
    }
}
