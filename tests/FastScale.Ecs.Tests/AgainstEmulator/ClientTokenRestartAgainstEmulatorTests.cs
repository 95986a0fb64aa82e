using FastScale.Ecs.Client;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>
/// The launcher's ClientTokens through our ECS client against the emulator, across a scale-down and a restart: the
/// emulator keeps a token's first answer after its instances are released, as ECS does, so only a batch number that
/// never comes back creates anything.
/// </summary>
public sealed class ClientTokenRestartAgainstEmulatorTests
{
    private const string Cluster = "c1";

    private static readonly NodeGroupPolicy Group = new()
    {
        Id = "g1",
        MaxSize = 100,
        ImageId = EmulatorWorld.ImageId,
        InstanceTypes = [EmulatorWorld.InstanceType],
        Zones = [new ZonePolicy { ZoneId = EmulatorWorld.Zone, VSwitchId = "vsw-wire" }],
        SecurityGroupId = "sg-wire",
    };

    [Fact]
    public async Task Restart_AfterTheNewestBatchWasReleased_CreatesNewInstances_WhereARepeatedNumberGetsTheReleasedIds()
    {
        await using var world = await EmulatorWorld.StartAsync(EcsSignatureVersion.V3);
        var before = new LaunchBatchSequence(world.Time);
        var launcher = NewLauncher(world);
        var oldestNumber = before.Next(Group.Id);
        var oldest = await CompleteAsync(world.Time, launcher.LaunchAsync(new LaunchBatch(Cluster, Group, oldestNumber, 3), CancellationToken.None));
        var newestNumber = before.Next(Group.Id);
        var newest = await CompleteAsync(world.Time, launcher.LaunchAsync(new LaunchBatch(Cluster, Group, newestNumber, 2), CancellationToken.None));
        var released = await CompleteAsync(world.Time, world.Paced.DeleteInstancesAsync(newest.InstanceIds, ApiPriority.ScaleOut, CancellationToken.None));

        // The successor's recovery sees only the oldest batch's tag; its clock has moved on, as a restart's does.
        world.Time.Advance(TimeSpan.FromSeconds(5));
        var after = new LaunchBatchSequence(world.Time);
        after.Observe(Group.Id, oldestNumber);
        var successor = NewLauncher(world);
        var relaunched = await CompleteAsync(world.Time, successor.LaunchAsync(new LaunchBatch(Cluster, Group, after.Next(Group.Id), 2), CancellationToken.None));

        // What the sequence did before it started from the clock ("highest tag + 1", the released batch's number): the
        // released batch's request again, answered with the released ids.
        var repeated = await CompleteAsync(world.Time, successor.LaunchAsync(new LaunchBatch(Cluster, Group, newestNumber, 2), CancellationToken.None));

        Assert.True(released.IsSuccess, released.Error?.ToString());
        Assert.Equal((3, 2), (oldest.InstanceIds.Count, newest.InstanceIds.Count));
        Assert.Equal(2, relaunched.InstanceIds.Count);
        Assert.Empty(relaunched.InstanceIds.Intersect(newest.InstanceIds));
        Assert.True(after.Last(Group.Id) > newestNumber);
        Assert.Equal(newest.InstanceIds, repeated.InstanceIds);
        Assert.Equal(7, world.Emulator.Counters.InstancesCreated);
        Assert.Equal(
            oldest.InstanceIds.Concat(relaunched.InstanceIds).Order(StringComparer.Ordinal),
            world.Emulator.Instances().Select(i => i.InstanceId).Order(StringComparer.Ordinal));
    }

    private static Launcher NewLauncher(EmulatorWorld world) =>
        new(world.Paced, new LauncherOptions { Jitter = new Random(7).NextDouble }, world.Time, NullLogger<Launcher>.Instance);

    /// <summary>Steps the fake clock while a paced call is on its way over loopback.</summary>
    private static async Task<T> CompleteAsync<T>(FakeTimeProvider time, Task<T> task)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (!task.IsCompleted)
        {
            Assert.True(time.GetUtcNow() < deadline, "the call did not complete in simulated time");
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }

        return await task;
    }
}
