/**
 * The page: a seed box, Start and Stop, a status line, and the pictures a
 * training worker posts after every epoch, drawn with putImageData.
 *
 * @module
 */
import { drawCurve, emptyHistory } from './curve.js';
import type { CurveHistory } from './curve.js';
import type { PageMessage, Picture, WorkerMessage } from './protocol.js';
import { DEFAULT_SEED, SETTINGS } from './settings.js';
import { epochStatus, startedStatus, stoppedStatus } from './status.js';

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new TypeError(`the page has no <${type.name}> with id "${id}"`);
  return found;
}

const seedBox = element('seed', HTMLInputElement);
const startButton = element('start', HTMLButtonElement);
const stopButton = element('stop', HTMLButtonElement);
const status = element('status', HTMLOutputElement);
const curve = element('curve', HTMLDivElement);
const canvases = {
  data: element('data', HTMLCanvasElement),
  filters: element('filters', HTMLCanvasElement),
  particles: element('particles', HTMLCanvasElement),
  probabilities: element('probabilities', HTMLCanvasElement),
};

// Every picture is an 8 × 8 grid of 8 × 8 tiles with 2-pixel gaps: reserve the space before the first epoch.
const side = SETTINGS.tilesPerRow * 8 * SETTINGS.scale + (SETTINGS.tilesPerRow + 1) * 2;
for (const canvas of Object.values(canvases)) {
  canvas.width = side;
  canvas.height = side;
}
seedBox.value = DEFAULT_SEED;

const worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
let history: CurveHistory = emptyHistory();
let lastEpoch: string | null = null;

function send(message: PageMessage): void {
  worker.postMessage(message);
}

function draw(canvas: HTMLCanvasElement, picture: Picture): void {
  canvas.width = picture.width;
  canvas.height = picture.height;
  canvas.getContext('2d')?.putImageData(new ImageData(picture.rgba, picture.width, picture.height), 0, 0);
}

function setRunning(running: boolean): void {
  startButton.disabled = running;
  stopButton.disabled = !running;
  seedBox.disabled = running;
  document.body.dataset['running'] = String(running);
}

function showStatus(text: string, epoch: number, failed = false): void {
  status.value = text;
  status.dataset['epoch'] = String(epoch);
  status.classList.toggle('failed', failed);
}

function start(): void {
  const seed = seedBox.value.trim() === '' ? DEFAULT_SEED : seedBox.value.trim();
  seedBox.value = seed;
  history = emptyHistory();
  lastEpoch = null;
  curve.replaceChildren();
  curve.classList.add('empty');
  setRunning(true);
  showStatus('setting up…', 0);
  send({ type: 'start', seed });
}

worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'started':
      draw(canvases.data, m.data);
      showStatus(startedStatus(m), 0);
      break;
    case 'epoch':
      draw(canvases.filters, m.filters);
      draw(canvases.particles, m.particles);
      draw(canvases.probabilities, m.probabilities);
      history.epochs.push(m.epoch);
      history.train.push(m.trainError);
      history.test.push(m.testError);
      curve.classList.remove('empty');
      drawCurve(curve, history);
      lastEpoch = epochStatus(m);
      showStatus(lastEpoch, m.epoch);
      break;
    case 'stopped':
      setRunning(false);
      showStatus(stoppedStatus(m, lastEpoch), m.epoch);
      break;
    case 'failed':
      setRunning(false);
      showStatus(`failed (${m.code}): ${m.message}`, history.epochs.length, true);
      break;
  }
});

worker.addEventListener('error', (event) => {
  setRunning(false);
  showStatus(`failed: the training worker could not run (${event.message || 'no details'})`, history.epochs.length, true);
});

startButton.addEventListener('click', start);
stopButton.addEventListener('click', () => {
  stopButton.disabled = true;
  showStatus(`stopping after this epoch… · ${lastEpoch ?? 'setting up'}`, history.epochs.length);
  send({ type: 'stop' });
});
seedBox.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !startButton.disabled) start();
});
window.addEventListener('resize', () => {
  if (history.epochs.length > 0) drawCurve(curve, history);
});
setRunning(false);
