using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace HerokuAnalyzers.Tasks.Slug
{
    /// <summary>
    /// Estimates each file's share of a <c>tar -czf</c> of the files without compressing all of them.
    /// A slug is a gzip'd tar (docs/heroku-facts.md#slug-size); deflate at the default level is what gzip runs, so the
    /// estimate deflates the same bytes, but only enough of them:
    /// <list type="bullet">
    /// <item>types that are compressed already count at their size (deflate gains nothing on them);</item>
    /// <item>small files are deflated whole, back to back with synthetic tar headers in one stream per
    /// batch, because in a tarball a small file compresses against its neighbours — until a few MB of
    /// one extension are measured; after that, most files of that extension take its measured ratio
    /// and are not read (one in <see cref="RemeasureEvery"/> still is, so the ratio follows the tree);</item>
    /// <item>a large file is sampled: evenly spaced chunks through one deflater give its ratio, which is
    /// applied to its size. Reading and deflating a few percent of the bytes is what makes this fast.</item>
    /// </list>
    /// </summary>
    internal sealed class CompressionEstimator
    {
        /// <summary>Files up to this size are read and deflated whole.</summary>
        public const int WholeFileLimit = 256 * 1024;

        /// <summary>Sample size: twice deflate's 32 KB window, so most of a chunk compresses with history.</summary>
        private const int ChunkBytes = 64 * 1024;

        /// <summary>One sampled chunk per this many bytes of a large file, within <see cref="MinChunks"/>..<see cref="MaxChunks"/>.</summary>
        private const long BytesPerChunk = 2 * 1024 * 1024;

        private const int MinChunks = 4;

        private const int MaxChunks = 64;

        /// <summary>Raw tar bytes per small-file stream; a new stream starts after this, as history matters only within 32 KB.</summary>
        private const int BatchBytes = 1024 * 1024;

        private const int TarBlock = 512;

        /// <summary>Raw bytes of one extension measured whole before its ratio stands in for further files.</summary>
        private const long ExtensionBudget = 2 * 1024 * 1024;

        private const int RemeasureEvery = 16;

        /// <summary>A sample that deflates to more than this is incompressible: two such chunks settle the file.</summary>
        private const double IncompressibleRatio = 0.97;

        /// <summary>GNU tar stores a longer name in an extra ././@LongLink entry.</summary>
        private const int TarNameField = 100;

        private static readonly HashSet<string> CompressedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".gz", ".tgz", ".br", ".woff", ".woff2", ".nupkg", ".snupkg",
            ".mp4", ".webm", ".mp3", ".7z", ".xz", ".bz2", ".zst",
        };

        private static readonly byte[] Zeros = new byte[TarBlock];

        private readonly byte[] _buffer = new byte[Math.Max(ChunkBytes, WholeFileLimit)];
        private readonly List<string> _problems;
        private readonly List<KeyValuePair<SlugFile, long>> _batch = new List<KeyValuePair<SlugFile, long>>();
        private readonly Dictionary<string, ExtensionRatio> _extensions = new Dictionary<string, ExtensionRatio>(StringComparer.OrdinalIgnoreCase);
        private CountingStream? _batchOutput;
        private Stream? _batchStream;
        private long _batchRawBytes;

        private readonly bool _exact;

        /// <param name="exact">Deflate every byte: for what is measured once and cached, where accuracy is worth a few seconds.</param>
        public CompressionEstimator(List<string> problems, bool exact = false)
        {
            _problems = problems;
            _exact = exact;
        }

        public static bool IsCompressedType(string path) => CompressedExtensions.Contains(System.IO.Path.GetExtension(path));

        /// <summary>Sets <see cref="SlugFile.CompressedBytes"/> of every file; I/O failures are added to the problems, never thrown.</summary>
        public void Estimate(IEnumerable<SlugFile> files)
        {
            foreach (var file in files)
            {
                Add(file);
            }

            CloseBatch();
        }

        private void Add(SlugFile file)
        {
            if (!_exact && !file.IsSymbolicLink && file.Bytes > 0 && file.Bytes <= WholeFileLimit && !IsCompressedType(file.Path) && TryExtrapolate(file))
            {
                return;
            }

            var stream = BatchStream();
            var raw = WriteHeader(stream, file);
            long ownBytes = 0;
            if (file.IsSymbolicLink || file.Bytes == 0)
            {
                // tar stores a link as a header only.
            }
            else if (IsCompressedType(file.Path))
            {
                ownBytes = file.Bytes;
            }
            else if (file.Bytes <= WholeFileLimit)
            {
                var read = ReadWhole(file);
                if (read < 0)
                {
                    ownBytes = file.Bytes;
                }
                else
                {
                    stream.Write(_buffer, 0, read);
                    var padding = Padding(read);
                    stream.Write(Zeros, 0, padding);
                    raw += read + padding;
                }
            }
            else
            {
                ownBytes = _exact ? DeflateWhole(file) : Sample(file);
            }

            file.CompressedBytes = ownBytes;
            _batch.Add(new KeyValuePair<SlugFile, long>(file, raw));
            _batchRawBytes += raw;
            if (_batchRawBytes >= BatchBytes)
            {
                CloseBatch();
            }
        }

        private Stream BatchStream()
        {
            if (_batchStream == null)
            {
                _batchOutput = new CountingStream();
                _batchStream = new DeflateStream(_batchOutput, CompressionLevel.Optimal, leaveOpen: true);
            }

            return _batchStream;
        }

        /// <summary>Shares the batch's compressed size among its files in proportion to their raw tar bytes.</summary>
        private void CloseBatch()
        {
            if (_batchStream == null)
            {
                return;
            }

            _batchStream.Dispose();
            var compressed = _batchOutput!.Length;
            long assigned = 0;
            for (var i = 0; i < _batch.Count; i++)
            {
                var share = i == _batch.Count - 1
                    ? compressed - assigned
                    : (long)Math.Round((double)compressed * _batch[i].Value / Math.Max(1, _batchRawBytes));
                assigned += share;
                _batch[i].Key.CompressedBytes += share;
                Learn(_batch[i].Key, _batch[i].Value, share);
            }

            _batch.Clear();
            _batchRawBytes = 0;
            _batchStream = null;
            _batchOutput = null;
        }

        /// <summary>Records what a small file deflated whole cost, per extension.</summary>
        private void Learn(SlugFile file, long rawTarBytes, long share)
        {
            if (file.IsSymbolicLink || file.Bytes == 0 || file.Bytes > WholeFileLimit || IsCompressedType(file.Path) || rawTarBytes <= TarBlock)
            {
                return;
            }

            var extension = System.IO.Path.GetExtension(file.Path);
            if (!_extensions.TryGetValue(extension, out var ratio))
            {
                _extensions.Add(extension, ratio = new ExtensionRatio());
            }

            ratio.RawBytes += rawTarBytes;
            ratio.CompressedBytes += share;
        }

        private bool TryExtrapolate(SlugFile file)
        {
            if (!_extensions.TryGetValue(System.IO.Path.GetExtension(file.Path), out var ratio) || ratio.RawBytes < ExtensionBudget || ++ratio.Seen % RemeasureEvery == 0)
            {
                return false;
            }

            var raw = TarBlock + file.Bytes + Padding(file.Bytes);
            file.CompressedBytes = (long)Math.Ceiling((double)ratio.CompressedBytes * raw / ratio.RawBytes);
            return true;
        }

        /// <summary>An approximation of a GNU tar header: the name, octal size and time, and zeros, which is what makes it compress to a few dozen bytes.</summary>
        private static long WriteHeader(Stream stream, SlugFile file)
        {
            var name = Encoding.UTF8.GetBytes(file.RelativePath);
            long written = 0;
            if (name.Length > TarNameField)
            {
                written += WriteHeaderBlock(stream, Encoding.ASCII.GetBytes("././@LongLink"), name.Length + 1, 'L', 0);
                stream.Write(name, 0, name.Length);
                var padding = Padding(name.Length);
                stream.Write(Zeros, 0, padding);
                written += name.Length + padding;
            }

            written += WriteHeaderBlock(stream, name, file.Bytes, file.IsSymbolicLink ? '2' : '0', file.ModifiedTicks);
            return written;
        }

        private static int WriteHeaderBlock(Stream stream, byte[] name, long size, char type, long modifiedTicks)
        {
            var header = new byte[TarBlock];
            Array.Copy(name, header, Math.Min(name.Length, TarNameField));
            Put(header, 100, "0000644");
            Put(header, 108, "0000000");
            Put(header, 116, "0000000");
            Put(header, 124, Convert.ToString(size, 8).PadLeft(11, '0'));
            var unixSeconds = Math.Max(0, (modifiedTicks - 621355968000000000L) / TimeSpan.TicksPerSecond);
            Put(header, 136, Convert.ToString(unixSeconds, 8).PadLeft(11, '0'));
            header[156] = (byte)type;
            Put(header, 257, "ustar  ");
            Put(header, 265, "root");
            Put(header, 297, "root");
            var checksum = 8 * ' ';
            foreach (var b in header)
            {
                checksum += b;
            }

            Put(header, 148, Convert.ToString(checksum, 8).PadLeft(6, '0'));
            stream.Write(header, 0, header.Length);
            return TarBlock;
        }

        private static void Put(byte[] header, int offset, string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            Array.Copy(bytes, 0, header, offset, bytes.Length);
        }

        private static int Padding(long length) => (int)((TarBlock - (length % TarBlock)) % TarBlock);

        /// <summary>Reads a small file into the buffer; -1 when it cannot be read.</summary>
        private int ReadWhole(SlugFile file)
        {
            try
            {
                using (var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1))
                {
                    return ReadFully(stream, _buffer, 0, (int)Math.Min(file.Bytes, _buffer.Length));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Unreadable(file, ex);
                return -1;
            }
        }

        /// <summary>Deflates evenly spaced chunks of a large file and scales their ratio to its size.</summary>
        private long Sample(SlugFile file)
        {
            var chunks = (int)Math.Min(MaxChunks, Math.Max(MinChunks, (file.Bytes + BytesPerChunk - 1) / BytesPerChunk));
            long sampled = 0;
            var output = new CountingStream();
            try
            {
                using (var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.RandomAccess))
                using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
                {
                    var span = Math.Max(0, stream.Length - ChunkBytes);
                    for (var i = 0; i < chunks; i++)
                    {
                        // First, last, then the ones between: two incompressible ends settle a media or archive file early.
                        var index = i == 0 ? 0 : i == 1 ? chunks - 1 : i - 1;
                        stream.Position = span * index / (chunks - 1);
                        var read = ReadFully(stream, _buffer, 0, ChunkBytes);
                        deflate.Write(_buffer, 0, read);
                        sampled += read;
                        if (i == 1)
                        {
                            deflate.Flush();
                            if (output.Length > IncompressibleRatio * sampled)
                            {
                                break;
                            }
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Unreadable(file, ex);
                return file.Bytes;
            }

            if (sampled == 0)
            {
                return 0;
            }

            var ratio = (double)output.Length / sampled;
            return (long)Math.Ceiling(ratio * file.Bytes);
        }

        private long DeflateWhole(SlugFile file)
        {
            var output = new CountingStream();
            try
            {
                using (var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1))
                using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
                {
                    int read;
                    while ((read = stream.Read(_buffer, 0, _buffer.Length)) > 0)
                    {
                        deflate.Write(_buffer, 0, read);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Unreadable(file, ex);
                return file.Bytes;
            }

            return output.Length;
        }

        private void Unreadable(SlugFile file, Exception ex)
        {
            _problems.Add("could not read " + file.Path + " (" + ex.Message + "); it is counted at its full size of " + file.Bytes + " bytes");
        }

        private static int ReadFully(Stream stream, byte[] buffer, int offset, int count)
        {
            var total = 0;
            while (total < count)
            {
                var n = stream.Read(buffer, offset + total, count - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        private sealed class ExtensionRatio
        {
            public long RawBytes { get; set; }

            public long CompressedBytes { get; set; }

            public int Seen { get; set; }
        }
    }
}
