namespace FastScale.Tests.Container;

/// <summary>Every file under a folder, with its size and time of last write, minus one subtree: what a read-only root file system would refuse to change.</summary>
internal sealed record FileSnapshot(IReadOnlyDictionary<string, (long Length, DateTime Written)> Files)
{
    public static FileSnapshot Take(string root, string excluded)
    {
        var files = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            if (path == excluded || path.StartsWith(excluded + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var info = new FileInfo(path);
            files[Path.GetRelativePath(root, path)] = (info.Exists ? info.Length : -1, File.GetLastWriteTimeUtc(path));
        }

        return new FileSnapshot(files);
    }

    /// <summary>Paths added, removed or rewritten since <paramref name="before"/>.</summary>
    public IReadOnlyList<string> ChangedSince(FileSnapshot before) =>
    [
        .. Files.Keys.Union(before.Files.Keys)
            .Where(p => !Files.TryGetValue(p, out var now) || !before.Files.TryGetValue(p, out var then) || now != then)
            .Order(StringComparer.Ordinal),
    ];
}
