// Plumbing for client.mjs: argument parsing, credentials, promise-shaped calls, status assertions, polling.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import grpc from '@grpc/grpc-js';

export const Status = grpc.status;
export const CALL_DEADLINE_MS = 5000; // what the autoscaler gives every call

export function callOn(channel, method, request, deadlineMs = CALL_DEADLINE_MS) {
  return new Promise((resolve, reject) => {
    channel[method](request, { deadline: Date.now() + deadlineMs }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

export async function expectCode(promise, code) {
  const error = await expectError(promise);
  assert.equal(error.code, code, `expected status ${Status[code]} (${code}), got ${describe(error)}`);
  assert.ok(error.details.length > 0, 'the status carries no message');
  return error;
}

export async function expectError(promise) {
  let response;
  try {
    response = await promise;
  } catch (error) {
    assert.ok(typeof error.code === 'number', `not a gRPC status: ${error}`);
    assert.notEqual(error.code, Status.UNKNOWN, `an exception surfaced as UNKNOWN: ${error.details}`);
    return error;
  }
  assert.fail(`expected an error status, got OK ${JSON.stringify(response)}`);
}

/** Polls until done(value) or the bound passes; returns the last value either way for the caller to assert on. */
export async function eventually(read, done, boundMs = 10000) {
  const until = Date.now() + boundMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await sleep(50);
  }
}

export function oneHour() {
  const start = Math.floor(Date.now() / 1000);
  return { startTimestamp: { seconds: String(start), nanos: 0 }, endTimestamp: { seconds: String(start + 3600), nanos: 0 } };
}

export function quantities(map) {
  return Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => !k.includes('/')).map(([k, v]) => [k, v.string]));
}

export function pick(object, keys) {
  return Object.fromEntries(keys.map((k) => [k, object?.[k]]));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function describe(error) {
  if (error && typeof error.code === 'number' && 'details' in error) return `status ${Status[error.code]} (${error.code}): ${error.details}`;
  return error?.stack ?? String(error);
}

export function credentials({ ca, key, cert }) {
  if (!ca) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(readFileSync(ca), key ? readFileSync(key) : null, cert ? readFileSync(cert) : null);
}

export function parseArgs(argv) {
  const usage = 'usage: node client.mjs ADDRESS [--ca FILE --key FILE --cert FILE] [--expect-refused]';
  const parsed = { expectRefused: false };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--expect-refused') parsed.expectRefused = true;
    else if (['--ca', '--key', '--cert'].includes(arg) && i + 1 < argv.length) parsed[arg.slice(2)] = argv[++i];
    else if (arg.startsWith('--')) fail(`unknown option ${arg}\n${usage}`);
    else rest.push(arg);
  }
  if (rest.length !== 1) fail(usage);
  if (Boolean(parsed.key) !== Boolean(parsed.cert)) fail('--key and --cert go together');
  if ((parsed.key || rest[0].startsWith('https://')) && !parsed.ca) fail('TLS needs --ca FILE (the CA that signed the server certificate)');
  parsed.target = rest[0].replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return parsed;
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
