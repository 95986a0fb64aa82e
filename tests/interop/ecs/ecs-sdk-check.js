'use strict';
// Drives the FastScale ECS emulator with the official Alibaba Cloud ECS SDK, once signing with V3 (ACS3-HMAC-SHA256,
// the SDK's default) and once with V1 (HMAC-SHA1, signatureAlgorithm 'v2'). Exits non-zero on the first failed check.
// Usage: node ecs-sdk-check.js HOST:PORT [ACCESS_KEY_ID ACCESS_KEY_SECRET]
const assert = require('node:assert/strict');
const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

const [address, accessKeyId = 'fastscale-emulator', accessKeySecret = 'fastscale-emulator-secret'] = process.argv.slice(2);
if (!address) {
  console.error('usage: node ecs-sdk-check.js HOST:PORT [ACCESS_KEY_ID ACCESS_KEY_SECRET]');
  process.exit(2);
}

const regionId = 'cn-hangzhou';

function client(signatureAlgorithm, secret = accessKeySecret) {
  const config = new $OpenApiUtil.Config({ accessKeyId, accessKeySecret: secret, endpoint: address, protocol: 'http', regionId });
  if (signatureAlgorithm) {
    config.signatureAlgorithm = signatureAlgorithm;
  }
  return new Ecs.default(config);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function describeAll(ecs, ids) {
  const seen = [];
  let nextToken;
  let pages = 0;
  do {
    const { body } = await ecs.describeInstances(new Ecs.DescribeInstancesRequest({
      regionId, instanceIds: JSON.stringify(ids), maxResults: 10, nextToken,
    }));
    assert.ok(Array.isArray(body.instances.instance), 'Instances.Instance is an array');
    assert.ok(body.instances.instance.length <= 10, 'a page holds at most MaxResults');
    seen.push(...body.instances.instance);
    nextToken = body.nextToken;
    pages++;
  } while (nextToken);
  return { instances: seen, pages };
}

async function waitFor(ecs, ids, status) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { instances } = await describeAll(ecs, ids);
    if (instances.length === ids.length && instances.every((i) => i.status === status)) {
      return instances;
    }
    await sleep(200);
  }
  throw new Error(`instances did not all reach ${status}`);
}

async function expectError(promise, code, what) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.code, code, `${what}: expected ${code}, got ${err.code}: ${err.message}`);
    return true;
  });
}

async function scenario(label, signatureAlgorithm) {
  const ecs = client(signatureAlgorithm);
  const clientToken = `fastscale-interop-${label}-${process.pid}`;
  const run = (amount = 12) => ecs.runInstances(new Ecs.RunInstancesRequest({
    regionId,
    imageId: 'containeros_3_x64_20G_alibase.vhd',
    instanceType: 'ecs.g7.large',
    vSwitchId: 'vsw-interop',
    securityGroupId: 'sg-interop',
    amount,
    userData: Buffer.from('#!/bin/sh\necho hello\n').toString('base64'),
    clientToken,
    tag: [
      new Ecs.RunInstancesRequestTag({ key: 'fastscale/group', value: label }),
      new Ecs.RunInstancesRequestTag({ key: 'awkward', value: "a b*c~(x)!'" }),
      new Ecs.RunInstancesRequestTag({ key: 'fastscale.io/template-hash', value: '0ec257691d43e92d' }),
    ],
  }));

  const first = await run();
  const ids = first.body.instanceIdSets.instanceIdSet;
  assert.equal(ids.length, 12, 'RunInstances created Amount instances');
  assert.equal(new Set(ids).size, 12, 'instance ids are unique');
  ids.forEach((id) => assert.match(id, /^i-[0-9a-z]+$/));
  const again = await run();
  assert.deepEqual(again.body.instanceIdSets.instanceIdSet, ids, 'same ClientToken gives the same instances');
  await expectError(run(3), 'IdempotentParameterMismatch', 'the same ClientToken with another Amount');

  const { instances, pages } = await describeAll(ecs, ids);
  assert.equal(pages, 2, 'DescribeInstances pages 12 instances by 10');
  assert.deepEqual(instances.map((i) => i.instanceId).sort(), [...ids].sort(), 'paging returns every instance once');
  const tags = Object.fromEntries(instances[0].tags.tag.map((t) => [t.tagKey, t.tagValue]));
  assert.equal(tags['fastscale/group'], label);
  assert.equal(tags.awkward, "a b*c~(x)!'", 'tag values survive signing and encoding');
  assert.equal(instances[0].vpcAttributes.vSwitchId, 'vsw-interop');
  // What drift is judged from: the template-hash tag and the instance's own image and security groups.
  assert.equal(tags['fastscale.io/template-hash'], '0ec257691d43e92d', 'the template-hash tag round-trips');
  assert.equal(instances[0].imageId, 'containeros_3_x64_20G_alibase.vhd');
  assert.deepEqual(instances[0].securityGroupIds.securityGroupId, ['sg-interop']);

  await waitFor(ecs, ids, 'Running');
  const stopIds = ids.slice(0, 5);
  const stopped = await ecs.stopInstances(new Ecs.StopInstancesRequest({ regionId, instanceId: stopIds, stoppedMode: 'StopCharging' }));
  const responses = stopped.body.instanceResponses.instanceResponse;
  assert.equal(responses.length, 5);
  responses.forEach((r) => {
    assert.equal(r.code, '200');
    assert.equal(r.previousStatus, 'Running');
  });
  (await waitFor(ecs, stopIds, 'Stopped')).forEach((i) => assert.equal(i.stoppedMode, 'StopCharging'));

  await ecs.startInstances(new Ecs.StartInstancesRequest({ regionId, instanceId: stopIds }));
  await waitFor(ecs, stopIds, 'Running');

  await expectError(ecs.deleteInstances(new Ecs.DeleteInstancesRequest({ regionId, instanceId: ids })),
    'IncorrectInstanceStatus', 'DeleteInstances of Running instances without Force');
  await ecs.deleteInstances(new Ecs.DeleteInstancesRequest({ regionId, instanceId: ids, force: true }));
  assert.equal((await describeAll(ecs, ids)).instances.length, 0, 'deleted instances are gone');

  await expectError(ecs.deleteInstances(new Ecs.DeleteInstancesRequest({ regionId, instanceId: ['i-doesnotexist0000'], force: true })),
    'InvalidInstanceId.NotFound', 'an unknown instance id');
  await expectError(client(signatureAlgorithm, 'not-the-secret').describeInstances(new Ecs.DescribeInstancesRequest({ regionId })),
    'SignatureDoesNotMatch', 'a wrong secret');
  console.log(`${label}: ok (12 instances run, paged, stopped StopCharging, started, deleted; token mismatch, unknown id and wrong secret refused)`);
}

(async () => {
  await scenario('v3', undefined);
  await scenario('v1', 'v2');
  console.log('all checks passed');
})().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  if (err && err.data) {
    console.error(JSON.stringify(err.data));
  }
  process.exit(1);
});
