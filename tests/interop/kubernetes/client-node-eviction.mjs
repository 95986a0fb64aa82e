// The real Kubernetes JavaScript client (@kubernetes/client-node 1.4.0, pinned by package-lock.json) against the
// FastScale cluster simulator's PodDisruptionBudgets and pods/eviction subresource.
// Usage: node client-node-eviction.mjs http://127.0.0.1:PORT
// Prints "ok <check>" per passed check; any failure exits non-zero.
import assert from 'node:assert/strict';
import { CoreV1Api, KubeConfig, PatchStrategy, PolicyV1Api, setHeaderOptions } from '@kubernetes/client-node';

const address = process.argv[2];
if (!address) {
  console.error('usage: node client-node-eviction.mjs http://HOST:PORT');
  process.exit(2);
}

const server = (address.includes('://') ? address : `http://${address}`).replace(/\/$/, '');
const ok = (check) => console.log(`ok ${check}`);
const namespace = 'default';

function apiClient() {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    // client-node refuses plain http unless TLS verification is explicitly off (there is no TLS to verify).
    clusters: [{ name: 'simulator', server, skipTLSVerify: true }],
    users: [{ name: 'interop', token: 'interop-bearer-token' }],
    contexts: [{ name: 'simulator', cluster: 'simulator', user: 'interop', namespace }],
    currentContext: 'simulator',
  });
  return kc;
}

async function apiError(promise, code) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.code, code, `expected HTTP ${code}, got ${e.code}: ${e.message}`);
    return typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
  }
  assert.fail(`expected HTTP ${code}, the call succeeded`);
}

const eviction = (name) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } });

async function main() {
  const kc = apiClient();
  const core = kc.makeApiClient(CoreV1Api);
  const policy = kc.makeApiClient(PolicyV1Api);
  const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

  for (const name of ['web-a', 'web-b']) {
    await core.createNamespacedPod({
      namespace,
      body: { metadata: { name, labels: { app: 'web' } }, spec: { nodeName: 'n1', containers: [{ name: 'app', image: 'busybox' }] } },
    });
    const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    await core.patchNamespacedPodStatus({ namespace, name, body: { status: running } }, mergePatch);
  }

  const created = await policy.createNamespacedPodDisruptionBudget({
    namespace,
    body: { metadata: { name: 'web' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } },
  });
  assert.equal(created.metadata.name, 'web');
  assert.equal(created.spec.minAvailable, 1);
  assert.deepEqual(created.spec.selector.matchLabels, { app: 'web' });
  ok('create-pdb');

  const before = await policy.readNamespacedPodDisruptionBudgetStatus({ namespace, name: 'web' });
  assert.equal(before.status.currentHealthy, 2);
  assert.equal(before.status.desiredHealthy, 1);
  assert.equal(before.status.expectedPods, 2);
  assert.equal(before.status.disruptionsAllowed, 1);
  assert.equal(before.status.observedGeneration, 1);
  assert.equal(before.status.conditions.find((c) => c.type === 'DisruptionAllowed').status, 'True');
  ok('read-pdb-status');

  await core.createNamespacedPodEviction({ namespace, name: 'web-a', body: eviction('web-a') });
  await apiError(core.readNamespacedPod({ namespace, name: 'web-a' }), 404);
  ok('evict-201');

  const refused = await apiError(core.createNamespacedPodEviction({ namespace, name: 'web-b', body: eviction('web-b') }), 429);
  assert.equal(refused.kind, 'Status');
  assert.equal(refused.reason, 'TooManyRequests');
  assert.equal(refused.message, "Cannot evict pod as it would violate the pod's disruption budget.");
  assert.equal(refused.details.causes[0].reason, 'DisruptionBudget');
  const kept = await core.readNamespacedPod({ namespace, name: 'web-b' });
  assert.equal(kept.metadata.name, 'web-b');
  ok('evict-429');

  const after = await policy.readNamespacedPodDisruptionBudget({ namespace, name: 'web' });
  assert.equal(after.status.currentHealthy, 1);
  assert.equal(after.status.disruptionsAllowed, 0);
  ok('pdb-status-after-eviction');

  await apiError(core.createNamespacedPodEviction({ namespace, name: 'no-such-pod', body: eviction('no-such-pod') }), 404);
  ok('evict-missing-404');
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`FAILED: ${err?.stack ?? err}`);
    process.exit(1);
  },
);
