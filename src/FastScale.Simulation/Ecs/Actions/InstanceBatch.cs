using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.Ecs.Wire;

namespace FastScale.Simulation.Ecs.Actions;

/// <summary>
/// The shared shape of StartInstances and StopInstances: <c>InstanceId.N</c> (1-100) and <c>BatchOptimization</c>.
/// AllTogether (the default) changes every instance or none and answers the first problem as the call's error;
/// SuccessFirst changes what it can and reports each instance's own code in <c>InstanceResponses.InstanceResponse[]</c>.
/// </summary>
internal static class InstanceBatch
{
    /// <param name="check">Why an instance cannot be changed, or null.</param>
    /// <param name="reserve">Reserves what the change needs for all the instances at once (stock); an error leaves nothing reserved.</param>
    /// <param name="apply">Changes one instance (already checked and reserved).</param>
    public static ActionOutcome Run(
        ActionContext context,
        ActionParameters p,
        Func<string, EmulatedInstance?, EcsError?> check,
        Func<IReadOnlyList<EmulatedInstance>, EcsError?> reserve,
        Action<EmulatedInstance> apply,
        DateTimeOffset now)
    {
        var ids = p.Indexed("InstanceId", 100);
        var successFirst = p.OneOf("BatchOptimization", "AllTogether", "AllTogether", "SuccessFirst") == "SuccessFirst";
        if (ids.Count == 0)
        {
            p.Fail(EcsErrors.Missing("InstanceId.1"));
        }

        if (p.Error is { } error)
        {
            return error;
        }

        var results = new List<(string Id, string Previous, EmulatedInstance? Instance, EcsError? Error)>();
        foreach (var id in ids)
        {
            var instance = context.Store.Find(id);
            var problem = check(id, instance);
            if (problem is not null && !successFirst)
            {
                return problem;
            }

            results.Add((id, instance?.StatusAt(now) ?? "", instance, problem));
        }

        if (successFirst)
        {
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Error is null && reserve([results[i].Instance!]) is { } stockProblem)
                {
                    results[i] = results[i] with { Error = stockProblem };
                }
            }
        }
        else if (reserve([.. results.Select(r => r.Instance!)]) is { } stockProblem)
        {
            return stockProblem;
        }

        var responses = new JsonArray();
        foreach (var (id, previous, instance, problem) in results)
        {
            if (problem is null)
            {
                apply(instance!);
            }

            responses.Add(new JsonObject
            {
                ["InstanceId"] = id,
                ["Code"] = problem?.Code ?? "200",
                ["Message"] = problem?.Message ?? "success",
                ["PreviousStatus"] = previous,
                ["CurrentStatus"] = instance?.StatusAt(now) ?? "",
            });
        }

        return new JsonObject { ["InstanceResponses"] = new JsonObject { ["InstanceResponse"] = responses } };
    }
}
