using FastScale.Kubernetes.Config;

namespace FastScale.Kubernetes.Tests.Config;

/// <summary>KUBECONFIG path lists, merged by kubectl's rules, and the context chosen by name.</summary>
public sealed class KubeconfigMergeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-merge-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoadPathList_SameNamesInTwoFiles_FirstFileWinsEachEntryWhole()
    {
        var first = Write("first", """
            clusters: [{name: shared, cluster: {server: "https://first:6443"}}]
            users: [{name: admin, user: {token: first-token}}]
            contexts: [{name: main, context: {cluster: shared, user: admin}}]
            """);
        var second = Write("second", """
            current-context: main
            clusters: [{name: shared, cluster: {server: "https://second:6443", insecure-skip-tls-verify: true}}]
            users: [{name: admin, user: {token: second-token}}]
            contexts: [{name: main, context: {cluster: shared, user: admin, namespace: second-ns}}]
            """);

        var config = Loaded(KubeconfigLoader.LoadPathList($"{first}{Path.PathSeparator}{second}"));

        Assert.Equal(new Uri("https://first:6443"), config.Server);
        Assert.False(config.InsecureSkipTlsVerify);
        Assert.Equal("first-token", config.Token);
        Assert.Equal("default", config.Namespace); // the first file's context, not a field-by-field blend
    }

    [Fact]
    public void LoadPathList_CurrentContext_FromTheFirstFileThatSetsIt()
    {
        var first = Write("first", "clusters: [{name: a, cluster: {server: \"https://a:6443\"}}]\ncontexts: [{name: ca, context: {cluster: a}}]");
        var second = Write("second", "current-context: cb\nclusters: [{name: b, cluster: {server: \"https://b:6443\"}}]\ncontexts: [{name: cb, context: {cluster: b}}]");
        var third = Write("third", "current-context: ca");

        var config = Loaded(KubeconfigLoader.LoadPathList(string.Join(Path.PathSeparator, first, second, third)));

        Assert.Equal(new Uri("https://b:6443"), config.Server);
        Assert.Contains("context cb", config.Source);
    }

    [Fact]
    public void LoadPathList_MissingFilesAndEmptyItems_AreSkippedAsKubectlSkipsThem()
    {
        var only = Write("only", "current-context: c\nclusters: [{name: k, cluster: {server: \"https://k:6443\"}}]\ncontexts: [{name: c, context: {cluster: k}}]");
        var list = string.Join(Path.PathSeparator, Path.Combine(_directory, "absent"), "", only, only);

        var config = Loaded(KubeconfigLoader.LoadPathList(list));

        Assert.Equal(new Uri("https://k:6443"), config.Server);
        Assert.Equal($"kubeconfig {only}, context c", config.Source);
    }

    [Fact]
    public void LoadPathList_RelativePaths_ResolveAgainstTheFileThatHoldsThem()
    {
        var sub = Directory.CreateDirectory(Path.Combine(_directory, "sub")).FullName;
        File.WriteAllText(Path.Combine(sub, "token"), "t");
        var first = Write("first", "current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\nclusters: [{name: k, cluster: {server: \"https://k:6443\"}}]");
        var second = Path.Combine(sub, "second");
        File.WriteAllText(second, "users: [{name: u, user: {tokenFile: token}}]");

        var config = Loaded(KubeconfigLoader.LoadPathList($"{first}{Path.PathSeparator}{second}"));

        Assert.Equal(Path.Combine(sub, "token"), config.TokenFile);
    }

    [Fact]
    public void LoadPathList_NamedContext_OverridesEveryFilesCurrentContext()
    {
        var first = Write("first", "current-context: ca\nclusters: [{name: a, cluster: {server: \"https://a:6443\"}}]\ncontexts: [{name: ca, context: {cluster: a}}]");
        var second = Write("second", "clusters: [{name: b, cluster: {server: \"https://b:6443\"}}]\ncontexts: [{name: cb, context: {cluster: b, namespace: ops}}]");

        var config = Loaded(KubeconfigLoader.LoadPathList($"{first}{Path.PathSeparator}{second}", "cb"));
        var unknown = KubeconfigLoader.LoadPathList($"{first}{Path.PathSeparator}{second}", "nope");

        Assert.Equal((new Uri("https://b:6443"), "ops"), (config.Server, config.Namespace));
        Assert.Contains("context 'nope' is not in contexts", Assert.Single(unknown.Errors));
    }

    [Fact]
    public void LoadPathList_BrokenLaterFile_IsAnErrorEvenIfTheFirstSuffices()
    {
        var first = Write("first", "current-context: c\nclusters: [{name: k, cluster: {server: \"https://k:6443\"}}]\ncontexts: [{name: c, context: {cluster: k}}]");
        var broken = Write("broken", "clusters: [unclosed");

        var result = KubeconfigLoader.LoadPathList($"{first}{Path.PathSeparator}{broken}");

        Assert.StartsWith($"kubeconfig {broken}:", Assert.Single(result.Errors));
    }

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static KubernetesClientConfig Loaded(KubernetesConfigResult result)
    {
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        return result.Config!;
    }
}
