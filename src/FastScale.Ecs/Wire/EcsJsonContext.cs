using System.Text.Json.Serialization;

namespace FastScale.Ecs.Wire;

/// <summary>Source-generated (de)serialization of the ECS bodies we read: no reflection at run time.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ErrorWire))]
[JsonSerializable(typeof(RequestIdWire))]
[JsonSerializable(typeof(RunInstancesWire))]
[JsonSerializable(typeof(DescribeInstancesWire))]
[JsonSerializable(typeof(InstanceResponsesWire))]
internal sealed partial class EcsJsonContext : JsonSerializerContext;
