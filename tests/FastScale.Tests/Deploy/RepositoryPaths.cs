namespace FastScale.Tests.Deploy;

internal static class RepositoryPaths
{
    /// <summary>The repository root: the nearest parent of the test binaries holding FastScale.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Deploy => Path.Combine(Root, "deploy");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FastScale.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no FastScale.sln above {AppContext.BaseDirectory}");
    }
}
