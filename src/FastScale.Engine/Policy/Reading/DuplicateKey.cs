using YamlDotNet.Core;

namespace FastScale.Engine.Policy.Reading;

/// <summary>A key written twice in one mapping; the later entry is dropped and reported.</summary>
internal sealed record DuplicateKey(string Key, Mark At, Mark FirstAt);
