namespace FastScale.Testing;

/// <summary>The repository checkout the tests run from: the first directory above the test binaries holding FastScale.sln.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "FastScale.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no FastScale.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository");
    }
}
