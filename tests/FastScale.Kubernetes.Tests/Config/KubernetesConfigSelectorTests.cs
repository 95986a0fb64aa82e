using FastScale.Kubernetes.Config;

namespace FastScale.Kubernetes.Tests.Config;

/// <summary>--kubeconfig, else KUBECONFIG, else in-cluster; --context needs a kubeconfig.</summary>
public sealed class KubernetesConfigSelectorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-select-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Select_FlagAndKubeconfigVariable_FlagWinsAndIsNotMerged()
    {
        var flag = Write("flag", "https://flag:6443");
        var listed = Write("listed", "https://listed:6443");

        var result = KubernetesConfigSelector.Select(flag, null, Env(("KUBECONFIG", listed)));

        Assert.Equal(new Uri("https://flag:6443"), result!.Config!.Server);
    }

    [Fact]
    public void Select_KubeconfigVariableWithContext_MergesTheListAndUsesTheContext()
    {
        var first = Write("first", "https://first:6443");
        var second = Path.Combine(_directory, "second");
        File.WriteAllText(second, "clusters: [{name: other, cluster: {server: \"https://other:6443\"}}]\ncontexts: [{name: o, context: {cluster: other}}]");

        var result = KubernetesConfigSelector.Select(null, "o", Env(("KUBECONFIG", $"{first}{Path.PathSeparator}{second}"), ("KUBERNETES_SERVICE_HOST", "10.0.0.1")));

        Assert.Equal(new Uri("https://other:6443"), result!.Config!.Server);
    }

    [Fact]
    public void Select_ContextWithoutKubeconfig_IsRefused()
    {
        var result = KubernetesConfigSelector.Select(null, "prod", Env(("KUBERNETES_SERVICE_HOST", "10.0.0.1")));

        Assert.Equal("--context prod needs a kubeconfig: pass --kubeconfig or set KUBECONFIG", Assert.Single(result!.Errors));
    }

    [Fact]
    public void Select_NothingConfigured_IsNull() =>
        Assert.Null(KubernetesConfigSelector.Select(null, null, Env()));

    private string Write(string name, string server)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, $"current-context: c\nclusters: [{{name: k, cluster: {{server: \"{server}\"}}}}]\ncontexts: [{{name: c, context: {{cluster: k}}}}]");
        return path;
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
