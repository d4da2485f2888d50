/**
 * Model files: a network as stochnet JSON (with an integrity hash), and the
 * companion files of a sigmoid net (a DBN classifier, a wake-sleep
 * recognition net) as base64 float64 blocks.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { SchemaError, SerializationError, StochnetError, fromJSON, toJSON } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { createSigmoidNet } from '@stochnet/model';
import type { OutputKind, SigmoidNet } from '@stochnet/model';

/** @internal Reads a file's text; a missing or unreadable file is one clear SerializationError. */
export async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const cause = (e as { code?: unknown }).code;
    const reason = cause === 'ENOENT' ? 'no such file' : cause === 'EISDIR' ? 'it is a folder' : String(cause ?? 'unreadable');
    throw new SerializationError(`cannot read ${what} ${path} (${reason}); check the path`, { file: path, cause: String(cause) }, 'FILE');
  }
}

/** @internal Prefixes a library error's message with the file it came from, keeping its class and code. */
export function inFile(e: unknown, path: string): unknown {
  if (e instanceof StochnetError && !e.message.startsWith(path)) e.message = `${path}: ${e.message}`;
  return e;
}

/** @internal Reads a network from stochnet JSON. */
export async function readModel(path: string): Promise<Network> {
  const text = await readText(path, 'model file');
  try {
    return fromJSON(text);
  } catch (e) {
    throw inFile(e, path);
  }
}

/** @internal A network as the text of a model file: stochnet JSON with an integrity hash. */
export function modelText(net: Network): string {
  return `${toJSON(net, { integrity: true })}\n`;
}

interface SavedLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weights: string;
  readonly bias: string;
}

const NET_FORMAT = 'stochnet-sigmoid-net';

function pack(a: Float64Array): string {
  const bytes = new Uint8Array(a.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat64(i * 8, a[i]!, true);
  return Buffer.from(bytes).toString('base64');
}

function unpack(text: unknown, length: number, path: string, where: string): Float64Array {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'base64') : null;
  if (bytes === null || bytes.length !== length * 8) {
    throw new SchemaError(`${path}: ${where} must be base64 of ${length} little-endian float64 values`, { file: path, path: where, expected: length * 8, received: bytes?.length ?? null });
  }
  const out = new Float64Array(length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** @internal A sigmoid net (bit-exact) as the text of its file. */
export function sigmoidNetText(net: SigmoidNet, role: 'classifier' | 'recognition'): string {
  const layers: SavedLayer[] = net.layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, weights: pack(l.weights), bias: pack(l.bias) }));
  return `${JSON.stringify({ format: NET_FORMAT, version: 1, role, output: net.output, layers }, null, 1)}\n`;
}

/** @internal Reads a sigmoid net written by writeSigmoidNet, checking its shape. */
export async function readSigmoidNet(path: string, role: 'classifier' | 'recognition'): Promise<SigmoidNet> {
  const text = await readText(path, `${role} file`);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new SerializationError(`${path}: not JSON (${(e as Error).message}); is this a ${role} file written by stochnet train?`, { file: path }, 'PARSE');
  }
  if (doc === null || typeof doc !== 'object' || doc['format'] !== NET_FORMAT || doc['version'] !== 1 || !Array.isArray(doc['layers'])) {
    throw new SchemaError(`${path}: not a ${NET_FORMAT} file of version 1; give the ${role}.json that stochnet train wrote`, { file: path, path: 'format' });
  }
  const output = doc['output'];
  if (output !== 'logistic' && output !== 'softmax') throw new SchemaError(`${path}: output must be 'logistic' or 'softmax'`, { file: path, path: 'output' });
  const layers = (doc['layers'] as unknown[]).map((l, k) => {
    const o = (l ?? {}) as Record<string, unknown>;
    const inputs = o['inputs'];
    const outputs = o['outputs'];
    if (typeof inputs !== 'number' || typeof outputs !== 'number' || !Number.isSafeInteger(inputs) || !Number.isSafeInteger(outputs) || inputs < 1 || outputs < 1) {
      throw new SchemaError(`${path}: layers[${k}] needs positive integer inputs and outputs`, { file: path, path: `layers[${k}]` });
    }
    return { inputs, outputs, weights: unpack(o['weights'], inputs * outputs, path, `layers[${k}].weights`), bias: unpack(o['bias'], outputs, path, `layers[${k}].bias`) };
  });
  try {
    return createSigmoidNet(layers, output as OutputKind);
  } catch (e) {
    throw inFile(e, path);
  }
}
