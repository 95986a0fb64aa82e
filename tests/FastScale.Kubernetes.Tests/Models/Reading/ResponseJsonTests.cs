using System.Text.Json;
using FastScale.Kubernetes.Models;
using FastScale.Kubernetes.Models.Reading;

namespace FastScale.Kubernetes.Tests.Models.Reading;

public sealed class ResponseJsonTests
{
    private static readonly string LongValue = new('v', 300);

    // Roomy tables: sharing is best effort (a slot keeps the last value hashed to it), and string hashes are seeded per
    // process, so with the default 8,192 slots two of a pod's parts collide in about one run in a few hundred, and an
    // assertion that they are shared fails though nothing is wrong. A million slots make that vanishingly rare.
    private static ResponseJson Json() => new(new StringPool(1 << 20), new SharedValues(1 << 20));

    private static string PodJson(string name) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"team-\\u00e9\",\"uid\":\"u-" + name
        + "\",\"resourceVersion\":\"7\",\"creationTimestamp\":\"2025-06-01T12:00:00Z\","
        + "\"labels\":{\"app\":\"web\",\"k\\\"q\":\"v\\n\",\"gone\":null},"
        + "\"annotations\":{\"big\":\"" + LongValue + "\"},"
        + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web-1\",\"uid\":\"rs-1\",\"controller\":true}]},"
        + "\"spec\":{\"nodeName\":\"node-1\",\"nodeSelector\":{\"zone\":\"a\"},"
        + "\"containers\":[{\"name\":\"app\",\"image\":\"img:1\",\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}}}],"
        + "\"tolerations\":[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}],"
        + "\"priority\":5},"
        + "\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"PodScheduled\",\"status\":\"True\",\"lastTransitionTime\":\"2025-06-01T12:00:01Z\"}]}}";

    [Fact]
    public void For_Pod_ReadsWhatThePlainMetadataReads()
    {
        var json = Json();

        var pooled = JsonSerializer.Deserialize(PodJson("a"), json.For(KubernetesJsonContext.Default.Pod))!;
        var plain = JsonSerializer.Deserialize(PodJson("a"), KubernetesJsonContext.Default.Pod)!;

        Assert.Equal(
            JsonSerializer.Serialize(plain, KubernetesJsonContext.Default.Pod),
            JsonSerializer.Serialize(pooled, KubernetesJsonContext.Default.Pod));
        Assert.Equal("team-é", pooled.Metadata!.Namespace);
        Assert.Equal("v\n", pooled.Metadata.Labels!["k\"q"]);
        Assert.Null(pooled.Metadata.Labels["gone"]);
        Assert.Equal(LongValue, pooled.Metadata.Annotations!["big"]);
    }

    [Fact]
    public void For_TwoPods_ShareRepeatedStringsButNotNames()
    {
        var type = Json().For(KubernetesJsonContext.Default.Pod);

        var a = JsonSerializer.Deserialize(PodJson("a"), type)!;
        var b = JsonSerializer.Deserialize(PodJson("b"), type)!;

        Assert.Same(a.Metadata!.Namespace, b.Metadata!.Namespace);
        Assert.Same(a.Metadata.Labels!.Keys.First(), b.Metadata.Labels!.Keys.First());
        Assert.Same(a.Metadata.Labels["app"], b.Metadata.Labels["app"]);
        Assert.Same(a.Metadata.OwnerReferences![0].Name, b.Metadata.OwnerReferences![0].Name);
        Assert.Same(a.Spec!.NodeName, b.Spec!.NodeName);
        Assert.Same(a.Spec.Containers![0].Resources!.Requests!["cpu"], b.Spec.Containers![0].Resources!.Requests!["cpu"]);
        Assert.Same(a.Status!.Conditions![0].Type, b.Status!.Conditions![0].Type);
        Assert.NotEqual(a.Metadata.Name, b.Metadata.Name);
        Assert.Same(a.Metadata.Labels, b.Metadata.Labels);
        Assert.Same(a.Metadata.OwnerReferences, b.Metadata.OwnerReferences);
        Assert.Same(a.Spec.Containers, b.Spec.Containers);
        Assert.Same(a.Spec.Tolerations, b.Spec.Tolerations);
    }

    [Fact]
    public void For_TwoPodsWithDifferentParts_ShareOnlyTheEqualOnes()
    {
        var type = Json().For(KubernetesJsonContext.Default.Pod);

        var a = JsonSerializer.Deserialize(PodJson("a"), type)!;
        var b = JsonSerializer.Deserialize(PodJson("b").Replace("\"web\"", "\"api\"", StringComparison.Ordinal).Replace("128Mi", "256Mi", StringComparison.Ordinal), type)!;

        Assert.NotSame(a.Metadata!.Labels, b.Metadata!.Labels);
        Assert.Equal("web", a.Metadata.Labels!["app"]);
        Assert.Equal("api", b.Metadata.Labels!["app"]);
        Assert.NotSame(a.Spec!.Containers, b.Spec!.Containers);
        Assert.Equal("128Mi", a.Spec.Containers![0].Resources!.Requests!["memory"]);
        Assert.Equal("256Mi", b.Spec.Containers![0].Resources!.Requests!["memory"]);
        Assert.Same(a.Spec.Tolerations, b.Spec.Tolerations);
    }

    [Fact]
    public void SharedValues_ManyMoreValuesThanSlots_AlwaysAnswersAnEqualValue()
    {
        var shared = new SharedValues(16);

        for (var i = 0; i < 10_000; i++)
        {
            var candidate = new[] { "s" + (i % 97) };
            var answer = shared.Share(candidate, candidate[0].GetHashCode(), static (x, y) => x.AsSpan().SequenceEqual(y));
            Assert.Equal(candidate, answer);
        }
    }

    [Fact]
    public void For_ListAndOtherTypes_AreServed()
    {
        var json = Json();

        var list = JsonSerializer.Deserialize("{\"metadata\":{\"resourceVersion\":\"3\"},\"items\":[" + PodJson("a") + "]}", json.For(KubernetesJsonContext.Default.KubernetesListPod))!;

        Assert.Equal("a", list.Items![0].Metadata!.Name);
        Assert.Equal("3", list.Metadata!.ResourceVersion);
    }

    [Fact]
    public void For_Maps_SmallAreCompactBigAreDictionariesRepeatedKeysKeepTheLast()
    {
        var type = Json().For(KubernetesJsonContext.Default.Pod);
        var many = string.Join(",", Enumerable.Range(0, 12).Select(i => $"\"k{i}\":\"v{i}\""));

        var pod = JsonSerializer.Deserialize("{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"},\"annotations\":{" + many + ",\"k0\":\"last\"}}}", type)!;

        Assert.IsType<CompactStringMap>(pod.Metadata!.Labels);
        Assert.Equal(["a", "b"], pod.Metadata.Labels!.Keys);
        Assert.Equal("3", pod.Metadata.Labels["a"]);
        Assert.IsType<Dictionary<string, string>>(pod.Metadata.Annotations);
        Assert.Equal(12, pod.Metadata.Annotations!.Count);
        Assert.Equal("last", pod.Metadata.Annotations["k0"]);
        Assert.Equal("v11", pod.Metadata.Annotations["k11"]);
    }

    [Fact]
    public void For_Lists_AreExactSizeArraysAndEmptyIsShared()
    {
        var type = Json().For(KubernetesJsonContext.Default.Pod);
        var containers = string.Join(",", Enumerable.Range(0, 9).Select(i => $"{{\"name\":\"c{i}\"}}"));

        var pod = JsonSerializer.Deserialize("{\"metadata\":{\"finalizers\":[]},\"spec\":{\"containers\":[" + containers + "],\"tolerations\":[null]}}", type)!;

        var array = Assert.IsType<Container[]>(pod.Spec!.Containers);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => $"c{i}"), array.Select(c => c.Name));
        Assert.Same(Array.Empty<string>(), pod.Metadata!.Finalizers);
        Assert.Null(Assert.Single(pod.Spec.Tolerations!));
    }

    [Theory]
    [InlineData("{\"spec\":{\"containers\":{}}}")]
    [InlineData("{\"spec\":{\"containers\":[1]}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"a\":1}}}")]
    [InlineData("{\"metadata\":{\"labels\":[]}}")]
    [InlineData("{\"metadata\":{\"namespace\":true}}")]
    public void For_WrongTokenTypes_Throw(string text)
    {
        var type = Json().For(KubernetesJsonContext.Default.Pod);

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(text, type));
    }

    [Fact]
    public void StringPool_ManyMoreStringsThanSlots_AlwaysAnswersTheRightValue()
    {
        var pool = new StringPool(16);

        for (var i = 0; i < 10_000; i++)
        {
            var value = "s" + (i % 97);
            Assert.Equal(value, pool.Get(value));
        }

        Assert.Same(pool.Get("team-a"), pool.Get("team-a".AsSpan()));
        Assert.Equal("", pool.Get(""));
    }
}
