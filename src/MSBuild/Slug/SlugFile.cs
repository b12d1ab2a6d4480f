namespace HerokuAnalyzers.Tasks.Slug
{
    /// <summary>Where a slug file comes from: the pushed checkout, or the output of this publish.</summary>
    internal enum SlugFileOrigin
    {
        Repository,
        Publish,
    }

    /// <summary>One file of the estimated slug, with its measured and estimated compressed size.</summary>
    internal sealed class SlugFile
    {
        public SlugFile(string path, string relativePath, SlugFileOrigin origin, long bytes, long modifiedTicks, bool isSymbolicLink)
        {
            Path = path;
            RelativePath = relativePath;
            Origin = origin;
            Bytes = bytes;
            ModifiedTicks = modifiedTicks;
            IsSymbolicLink = isSymbolicLink;
        }

        /// <summary>The absolute path on this machine.</summary>
        public string Path { get; }

        /// <summary>'/'-separated path inside the slug: relative to the repository root, or to the publish folder.</summary>
        public string RelativePath { get; }

        public SlugFileOrigin Origin { get; }

        /// <summary>Uncompressed size; 0 for a symbolic link, which tar stores as a link.</summary>
        public long Bytes { get; }

        public long ModifiedTicks { get; }

        public bool IsSymbolicLink { get; }

        /// <summary>Estimated share of the gzip stream, tar header included.</summary>
        public long CompressedBytes { get; set; }
    }
}
