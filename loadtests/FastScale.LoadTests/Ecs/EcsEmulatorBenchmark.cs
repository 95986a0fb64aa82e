using System.Collections.Concurrent;
using System.Globalization;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using FastScale.LoadTests.Grpc;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.LoadTests.Ecs;

/// <summary>
/// The ECS emulator on loopback in real time, driven by our own <see cref="EcsClient"/>: it creates the instances in
/// batches of 100, then sustains a mixed open-loop load (DescribeInstances by 100 ids and by tag, StopInstances in
/// economical mode, StartInstances) and checks every answer against the latency model's own samples. Prints the
/// achieved call rate, client-side latency percentiles and whether the emulator kept up with its clock.
/// Asserts nothing but status consistency: the machine is shared and timing is noisy.
/// </summary>
internal static class EcsEmulatorBenchmark
{
    private const int Batch = 100;
    private const int StateChangeBatch = 10;

    public static async Task<int> RunAsync(int instances, int callsPerSecond, int seconds)
    {
        var time = TimeProvider.System;
        var options = new EcsEmulatorOptions { Profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow() };
        foreach (var action in EcsEmulatorOptions.Actions)
        {
            options.QpsLimits[action] = 100_000; // this run measures the emulator, not ECS flow control
        }

        options.InstancesPerMinute = Math.Max(options.InstancesPerMinute, instances);
        await using var server = await EcsEmulatorServer.StartAsync(options, time);
        using var http = new HttpClient();
        var client = new EcsClient(
            http,
            new EcsClientOptions { RegionId = options.RegionId, Endpoint = server.Address },
            new EcsCredentials(options.AccessKeyId, options.AccessKeySecret),
            time,
            NullLogger<EcsClient>.Instance);
        Console.WriteLine($"ECS emulator on http://{server.Address}, profile {server.Emulator.Profile.Name}; {Environment.ProcessorCount} cores");

        var created = time.GetTimestamp();
        var ids = await CreateAsync(client, instances);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Created {ids.Count} instances in {ids.Count / Batch} RunInstances calls in {time.GetElapsedTime(created).TotalSeconds:0.00} s"));

        var load = new MixedLoad(client, server.Emulator, ids, time);
        var callsBefore = server.Counters.CallsByAction.Values.Sum();
        var started = time.GetTimestamp();
        load.Observations.StartedAt = time.GetUtcNow();
        await load.RunAsync(callsPerSecond, TimeSpan.FromSeconds(seconds));
        var elapsed = time.GetElapsedTime(started).TotalSeconds;
        var apiCalls = server.Counters.CallsByAction.Values.Sum() - callsBefore;

        Report(load, apiCalls, elapsed, callsPerSecond, server);
        return load.Observations.Behind + load.Observations.Ahead == 0 ? 0 : 1;
    }

    private static async Task<List<string>> CreateAsync(EcsClient client, int instances)
    {
        var ids = new List<string>(instances);
        for (var batch = 0; ids.Count < instances; batch++)
        {
            var run = await client.RunInstancesAsync(
                new RunInstancesRequest
                {
                    Amount = Math.Min(Batch, instances - ids.Count),
                    ClientToken = $"bench-{batch}",
                    ImageId = "m-bp1g7004ksh0oeuc4z6c",
                    InstanceType = "ecs.g7.large",
                    VSwitchId = "vsw-bench",
                    SecurityGroupId = "sg-bench",
                    Tags = [new("fastscale.io/bench", "ecs"), new("fastscale.io/batch", batch.ToString(CultureInfo.InvariantCulture))],
                },
                CancellationToken.None);
            if (!run.IsSuccess)
            {
                throw new InvalidOperationException($"RunInstances failed while filling the emulator: {run.Error}");
            }

            ids.AddRange(run.Value!.InstanceIds);
        }

        return ids;
    }

    private static void Report(MixedLoad load, long apiCalls, double elapsed, int target, EcsEmulatorServer server)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"API calls: {apiCalls} in {elapsed:0.0} s = {apiCalls / elapsed:0.0} calls/s (target {target}/s)"));
        foreach (var (name, recorder) in load.Recorders.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (recorder.Count > 0)
            {
                Console.WriteLine(recorder.Summary(name));
            }
        }

        Console.WriteLine(load.All.Summary("all calls (client side)"));
        Console.WriteLine("Outcomes: " + string.Join(", ", load.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        var o = load.Observations;
        var lag = o.FirstSeenLagMs;
        Console.WriteLine(string.Create(inv,
            $"Clock: {o.Checked} instance statuses checked against the model's RunningAt: {o.Behind} behind (worst {o.WorstBehindMs:0} ms), {o.Ahead} ahead"));
        if (lag.Count > 0)
        {
            Console.WriteLine(string.Create(inv,
                $"Clock: {lag.Count} instances turned Running during the load; first seen Running after their sampled RunningAt: p50 {BurstFloor.Percentile(lag, 0.5):0} ms, p99 {BurstFloor.Percentile(lag, 0.99):0} ms (includes the polling gap)"));
        }

        var running = server.Emulator.Instances().Count(i => i.Status == "Running");
        Console.WriteLine($"Emulator now: {server.Emulator.Instances().Count} instances, {running} Running; throttled {server.Counters.Throttled}");
    }

    /// <summary>The open-loop mixed load: call n is due at n / rate seconds, whatever earlier calls are doing.</summary>
    private sealed class MixedLoad(EcsClient client, EcsEmulator emulator, List<string> ids, TimeProvider time)
    {
        private readonly Lock _lock = new();
        private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);
        private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

        public RunningObservations Observations { get; } = new(emulator);

        public Dictionary<string, LatencyRecorder> Recorders { get; } = new(StringComparer.Ordinal)
        {
            ["DescribeInstances by 100 ids"] = new(time),
            ["DescribeInstances by tag"] = new(time),
            ["StopInstances (10, StopCharging)"] = new(time),
            ["StartInstances (10)"] = new(time),
        };

        public LatencyRecorder All { get; } = new(time);

        public ConcurrentDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

        public async Task RunAsync(int perSecond, TimeSpan duration)
        {
            var started = time.GetTimestamp();
            var inflight = new List<Task>();
            foreach (var recorder in Recorders.Values.Append(All))
            {
                recorder.Start();
            }

            long issued = 0;
            TimeSpan elapsed;
            while ((elapsed = time.GetElapsedTime(started)) < duration)
            {
                for (var due = (long)(elapsed.TotalSeconds * perSecond); issued < due; issued++)
                {
                    inflight.Add(OneCallAsync(issued));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(2), time);
            }

            await Task.WhenAll(inflight);
            foreach (var recorder in Recorders.Values.Append(All))
            {
                recorder.Stop();
            }
        }

        private async Task OneCallAsync(long n)
        {
            var random = new Random((int)n);
            var kind = (n % 10) switch
            {
                < 5 => 0,
                < 7 => 1,
                7 => 2,
                8 => 3,
                _ => 0,
            };
            await Task.Yield();
            var done = kind switch
            {
                2 => await StopAsync(random),
                3 => await StartAsync(random),
                _ => false,
            };
            if (!done)
            {
                await DescribeAsync(random, byTag: kind == 1);
            }
        }

        private async Task DescribeAsync(Random random, bool byTag)
        {
            var request = byTag
                ? new DescribeInstancesRequest { Tags = [new("fastscale.io/batch", random.Next(ids.Count / Batch).ToString(CultureInfo.InvariantCulture))] }
                : new DescribeInstancesRequest { InstanceIds = ids.GetRange(random.Next(ids.Count - Batch + 1), Batch) };
            var sentAt = time.GetUtcNow();
            var result = await Measure(byTag ? "DescribeInstances by tag" : "DescribeInstances by 100 ids",
                () => client.DescribeInstancesAsync(request, CancellationToken.None));
            if (result.IsSuccess)
            {
                Observations.Check(result.Value!, sentAt, time.GetUtcNow());
            }
        }

        private async Task<bool> StopAsync(Random random)
        {
            var batch = Pick(random, id => !_stopped.Contains(id) && emulator.Instance(id)?.Status == "Running");
            if (batch.Count == 0)
            {
                return false;
            }

            Observations.MarkChanged(batch);
            var result = await Measure("StopInstances (10, StopCharging)",
                () => client.StopInstancesAsync(batch, EcsStoppedMode.StopCharging, forceStop: false, CancellationToken.None));
            Release(batch, stopped: result.IsSuccess);
            return true;
        }

        private async Task<bool> StartAsync(Random random)
        {
            var batch = Pick(random, id => _stopped.Contains(id) && emulator.Instance(id)?.Status == "Stopped");
            if (batch.Count == 0)
            {
                return false;
            }

            var result = await Measure("StartInstances (10)", () => client.StartInstancesAsync(batch, CancellationToken.None));
            Release(batch, stopped: !result.IsSuccess);
            return true;
        }

        /// <summary>Up to 10 ids no other call is changing, reserved until <see cref="Release"/>.</summary>
        private List<string> Pick(Random random, Func<string, bool> eligible)
        {
            lock (_lock)
            {
                var batch = new List<string>(StateChangeBatch);
                for (var tries = 0; tries < 200 && batch.Count < StateChangeBatch; tries++)
                {
                    var id = ids[random.Next(ids.Count)];
                    if (!_touched.Contains(id) && eligible(id))
                    {
                        _touched.Add(id);
                        batch.Add(id);
                    }
                }

                return batch;
            }
        }

        private void Release(List<string> batch, bool stopped)
        {
            lock (_lock)
            {
                foreach (var id in batch)
                {
                    _touched.Remove(id);
                    if (stopped)
                    {
                        _stopped.Add(id);
                    }
                    else
                    {
                        _stopped.Remove(id);
                    }
                }
            }
        }

        private async Task<CloudResult<T>> Measure<T>(string name, Func<Task<CloudResult<T>>> call)
        {
            var result = await All.MeasureAsync(() => Recorders[name].MeasureAsync(call));
            Outcomes.AddOrUpdate(result.IsSuccess ? "ok" : result.Error!.Code, 1, static (_, n) => n + 1);
            return result;
        }
    }
}
