'use strict';
// Drives the FastScale ECS emulator with the official ECS SDK signing with STS credentials (an AccessKey with its
// SecurityToken), with V3 and with V1. EXPECT "ok": calls pass, and the same key with another token or none is refused;
// EXPECT "expired": calls are refused as InvalidSecurityToken.Expired. Exits non-zero on the first failed check.
// Usage: node ecs-sts-check.js HOST:PORT ACCESS_KEY_ID ACCESS_KEY_SECRET SECURITY_TOKEN ok|expired
const assert = require('node:assert/strict');
const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

const [address, accessKeyId, accessKeySecret, securityToken, expect] = process.argv.slice(2);
if (!address || !securityToken || !['ok', 'expired'].includes(expect)) {
  console.error('usage: node ecs-sts-check.js HOST:PORT ACCESS_KEY_ID ACCESS_KEY_SECRET SECURITY_TOKEN ok|expired');
  process.exit(2);
}

const regionId = 'cn-hangzhou';

function client(signatureAlgorithm, token) {
  const config = new $OpenApiUtil.Config({ accessKeyId, accessKeySecret, securityToken: token, endpoint: address, protocol: 'http', regionId });
  if (signatureAlgorithm) {
    config.signatureAlgorithm = signatureAlgorithm;
  }
  return new Ecs.default(config);
}

async function expectError(promise, code, what) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.code, code, `${what}: expected ${code}, got ${err.code}: ${err.message}`);
    return true;
  });
}

async function check(label, signatureAlgorithm) {
  const describe = (token) => client(signatureAlgorithm, token).describeInstances(new Ecs.DescribeInstancesRequest({ regionId }));
  if (expect === 'expired') {
    await expectError(describe(securityToken), 'InvalidSecurityToken.Expired', 'an expired STS key');
    console.log(`${label}: ok (expired STS key refused)`);
    return;
  }

  const { body } = await describe(securityToken);
  assert.ok(body.requestId, 'DescribeInstances with the STS key answers');
  await expectError(describe(`${securityToken}x`), 'InvalidSecurityToken.MismatchWithAccessKey', 'another token');
  await expectError(describe(undefined), 'MissingSecurityToken', 'no token');
  console.log(`${label}: ok (STS key accepted; another token and no token refused)`);
}

(async () => {
  await check('v3', undefined);
  await check('v1', 'v2');
  console.log('all checks passed');
})().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
