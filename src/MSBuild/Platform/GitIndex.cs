using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace HerokuAnalyzers.Tasks.Platform
{
    /// <summary>
    /// The paths git tracks, read from <c>.git/index</c> (versions 2 to 4) without running git: only
    /// committed or staged files can leak, so ignored local settings are not reported. Null when there
    /// is no readable index (not a repository, a worktree's .git file, an unknown version).
    /// </summary>
    internal static class GitIndex
    {
        /// <summary>An index larger than this is not read: the caller falls back to the working tree.</summary>
        private const long MaxIndexBytes = 64L * 1024 * 1024;

        public static HashSet<string>? TrackedFiles(string repositoryRoot)
        {
            var path = Path.Combine(repositoryRoot, ".git", "index");
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists || info.Length > MaxIndexBytes)
                {
                    return null;
                }

                return Parse(File.ReadAllBytes(path));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        internal static HashSet<string>? Parse(byte[] data)
        {
            if (data.Length < 12 || data[0] != 'D' || data[1] != 'I' || data[2] != 'R' || data[3] != 'C')
            {
                return null;
            }

            var version = ReadInt32(data, 4);
            var count = ReadInt32(data, 8);
            if (version < 2 || version > 4 || count < 0)
            {
                return null;
            }

            var files = new HashSet<string>(StringComparer.Ordinal);
            var offset = 12;
            var previous = "";
            for (var i = 0; i < count; i++)
            {
                // 40 bytes of stat data, a 20-byte object id, then 2 bytes of flags.
                var entryStart = offset;
                if (offset + 62 > data.Length)
                {
                    return null;
                }

                var flags = (data[offset + 60] << 8) | data[offset + 61];
                offset += 62;
                if (version >= 3 && (flags & 0x4000) != 0)
                {
                    offset += 2;
                }

                if (offset > data.Length)
                {
                    return null;
                }

                string name;
                if (version == 4)
                {
                    // The path is the previous one minus N trailing bytes, plus a NUL-terminated suffix.
                    var strip = 0;
                    int b;
                    do
                    {
                        if (offset >= data.Length)
                        {
                            return null;
                        }

                        b = data[offset++];
                        strip = (strip << 7) | (b & 0x7F);
                        if ((b & 0x80) != 0)
                        {
                            strip++;
                        }
                    }
                    while ((b & 0x80) != 0);

                    var end = Array.IndexOf(data, (byte)0, offset);
                    if (end < 0 || strip > previous.Length)
                    {
                        return null;
                    }

                    var prefix = Encoding.UTF8.GetBytes(previous);
                    var kept = prefix.Length - strip;
                    if (kept < 0)
                    {
                        return null;
                    }

                    var bytes = new byte[kept + end - offset];
                    Array.Copy(prefix, bytes, kept);
                    Array.Copy(data, offset, bytes, kept, end - offset);
                    name = Encoding.UTF8.GetString(bytes);
                    offset = end + 1;
                }
                else
                {
                    var end = Array.IndexOf(data, (byte)0, offset);
                    if (end < 0)
                    {
                        return null;
                    }

                    name = Encoding.UTF8.GetString(data, offset, end - offset);
                    // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
                    var length = end - entryStart;
                    offset = entryStart + ((length + 8) & ~7);
                }

                files.Add(name);
                previous = name;
            }

            return files;
        }

        private static int ReadInt32(byte[] data, int offset)
            => (data[offset] << 24) | (data[offset + 1] << 16) | (data[offset + 2] << 8) | data[offset + 3];
    }
}
