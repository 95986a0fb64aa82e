using System.Globalization;
using FastScale.Ecs.Actions;

namespace FastScale.Ecs.Client;

/// <summary>Tags go out flattened as <c>Tag.N.Key</c> / <c>Tag.N.Value</c>, N from 1.</summary>
internal static class TagParameters
{
    public static void Add(List<KeyValuePair<string, string>> parameters, IReadOnlyList<EcsTag> tags)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            var prefix = "Tag." + (i + 1).ToString(CultureInfo.InvariantCulture);
            parameters.Add(new(prefix + ".Key", tags[i].Key));
            parameters.Add(new(prefix + ".Value", tags[i].Value));
        }
    }
}
