// The real Kubernetes JavaScript client (@kubernetes/client-node 1.4.0, pinned by package-lock.json) against the
// FastScale cluster simulator. Usage: node client-node-interop.mjs http://127.0.0.1:PORT
// Prints "ok <check>" per passed check; any failure exits non-zero.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, PatchStrategy, makeInformer, setHeaderOptions } from '@kubernetes/client-node';

const address = process.argv[2];
if (!address) {
  console.error('usage: node client-node-interop.mjs http://HOST:PORT');
  process.exit(2);
}

const server = (address.includes('://') ? address : `http://${address}`).replace(/\/$/, '');
const ok = (check) => console.log(`ok ${check}`);

function apiClient() {
  const dir = mkdtempSync(join(tmpdir(), 'fastscale-kubeconfig-'));
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: simulator',
    // client-node refuses plain http unless TLS verification is explicitly off (there is no TLS to verify).
    `  cluster: {server: "${server}", insecure-skip-tls-verify: true}`,
    'users:',
    '- name: interop',
    '  user: {token: interop-bearer-token}',
    'contexts:',
    '- name: simulator',
    '  context: {cluster: simulator, user: interop, namespace: default}',
    'current-context: simulator',
    '',
  ].join('\n'));
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  rmSync(dir, { recursive: true, force: true });
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

function waitFor(description, predicate) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = predicate();
      if (value) return resolve(value);
      if (Date.now() - started > 10000) return reject(new Error(`timed out waiting for ${description}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

const node = (name, labels = {}) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
  spec: { providerID: `cn-hangzhou.i-${name}` },
});

const pod = (name, nodeName) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'busybox' }], ...(nodeName ? { nodeName } : {}) },
});

async function main() {
  const kc = apiClient();
  const core = kc.makeApiClient(CoreV1Api);
  const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

  const initial = await core.listNode();
  assert.ok(Array.isArray(initial.items));
  assert.match(initial.metadata.resourceVersion, /^\d+$/);
  ok('list-nodes');

  const created = await core.createNode({ body: node('interop-n1', { 'node.kubernetes.io/instance-type': 'ecs.g7.large' }) });
  assert.equal(created.metadata.name, 'interop-n1');
  assert.ok(created.metadata.uid);
  assert.ok(created.metadata.creationTimestamp instanceof Date);
  ok('create-node');

  const duplicate = await apiError(core.createNode({ body: node('interop-n1') }), 409);
  assert.equal(duplicate.kind, 'Status');
  assert.equal(duplicate.reason, 'AlreadyExists');
  ok('create-duplicate-409');

  const missing = await apiError(core.readNode({ name: 'no-such-node' }), 404);
  assert.equal(missing.kind, 'Status');
  assert.equal(missing.status, 'Failure');
  assert.equal(missing.reason, 'NotFound');
  assert.equal(missing.code, 404);
  ok('read-missing-404');

  const ready = { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' };
  const patched = await core.patchNodeStatus({ name: 'interop-n1', body: { status: { conditions: [ready] } } }, mergePatch);
  assert.equal(patched.status.conditions.find((c) => c.type === 'Ready').status, 'True');
  const reread = await core.readNode({ name: 'interop-n1' });
  assert.equal(reread.status.conditions[0].reason, 'KubeletReady');
  assert.ok(Number(reread.metadata.resourceVersion) > Number(created.metadata.resourceVersion));
  ok('patch-node-status');

  await core.deleteNode({ name: 'interop-n1' });
  await apiError(core.readNode({ name: 'interop-n1' }), 404);
  ok('delete-node');

  const informer = makeInformer(kc, '/api/v1/nodes', () => core.listNode());
  const seen = [];
  informer.on('add', (n) => seen.push(`add ${n.metadata.name}`));
  informer.on('update', (n) => seen.push(`update ${n.metadata.name} ${n.metadata.labels?.stage ?? ''}`));
  informer.on('delete', (n) => seen.push(`delete ${n.metadata.name}`));
  informer.on('error', (err) => seen.push(`error ${err}`));
  await informer.start();
  await core.createNode({ body: node('informer-n1') });
  await waitFor('informer add', () => seen.includes('add informer-n1'));
  ok('informer-add');
  await core.patchNode({ name: 'informer-n1', body: { metadata: { labels: { stage: 'two' } } } }, mergePatch);
  await waitFor('informer update', () => seen.includes('update informer-n1 two'));
  assert.equal(informer.get('informer-n1').metadata.labels.stage, 'two');
  ok('informer-update');
  await core.deleteNode({ name: 'informer-n1' });
  await waitFor('informer delete', () => seen.includes('delete informer-n1'));
  assert.equal(informer.get('informer-n1'), undefined);
  assert.deepEqual(seen.filter((s) => s.startsWith('error')), []);
  ok('informer-delete');
  await informer.stop();

  await core.createNamespacedPod({ namespace: 'default', body: pod('pending-a') });
  await core.createNamespacedPod({ namespace: 'default', body: pod('pending-b') });
  await core.createNamespacedPod({ namespace: 'default', body: pod('bound', 'some-node') });
  for (const phase of ['Succeeded', 'Failed']) {
    const name = `finished-${phase.toLowerCase()}`;
    await core.createNamespacedPod({ namespace: 'default', body: pod(name) });
    await core.patchNamespacedPodStatus({ namespace: 'default', name, body: { status: { phase } } }, mergePatch);
  }
  await core.createNamespacedPod({ namespace: 'kube-system', body: pod('pending-elsewhere') });
  const pending = await core.listNamespacedPod({
    namespace: 'default',
    fieldSelector: 'spec.nodeName=,status.phase!=Succeeded,status.phase!=Failed',
  });
  assert.deepEqual(pending.items.map((p) => p.metadata.name).sort(), ['pending-a', 'pending-b']);
  assert.ok(pending.items.every((p) => p.status.phase === 'Pending'));
  ok('pods-pending-field-selector');
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`FAILED: ${err?.stack ?? err}`);
    process.exit(1);
  },
);
