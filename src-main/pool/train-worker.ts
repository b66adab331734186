import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { bundledTrainingData, findBundledDataset } from '../../src-core/data/datasets';
import type { TrainingData, TrainingSession } from '../../src-core/nn/training-session';
import { createTrainingSession } from '../../src-core/nn/index';
import type { ControlMessage, TrainDataSource, TrainJob, TrainOutcome, WorkerMessage } from './train-job';

/**
 * The piscina task file (built to out/main/train-worker.js): one exported function per job kind.
 * Training runs synchronously epoch by epoch; between epochs the worker reads its port without
 * yielding (`receiveMessageOnPort`) so a stop takes effect after the epoch in hand.
 */
export function train(job: TrainJob): TrainOutcome {
  const { port } = job;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  // The port stays open when this returns: closing it here could drop epochs main has not read yet.
  let epochsPosted = 0;
  let session: TrainingSession | undefined;
  try {
    session = createTrainingSession({ spec: job.spec, train: job.train, data: loadData(job.data), seed: job.seed });
    post({ type: 'started' });
    while (!session.finished) {
      if (stopRequested(port)) return { status: 'stopped', epochsPosted, state: session.state() };
      post({ type: 'epoch', metrics: session.runEpoch() });
      epochsPosted++;
    }
    return { status: 'completed', epochsPosted, state: session.state() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (session && error instanceof Error && error.name === 'DivergedError') {
      // The session keeps the last finite weights: the bad step was not taken.
      return { status: 'diverged', epochsPosted, state: session.state(), error: message };
    }
    return { status: 'failed', epochsPosted, error: message };
  }
}

function stopRequested(port: MessagePort): boolean {
  let stop = false;
  for (let entry = receiveMessageOnPort(port); entry; entry = receiveMessageOnPort(port)) {
    if ((entry.message as ControlMessage).type === 'stop') stop = true;
  }
  return stop;
}

function loadData(source: TrainDataSource): TrainingData {
  const dataset = findBundledDataset(source.id);
  if (!dataset) throw new Error(`There is no bundled dataset ${JSON.stringify(source.id)}.`);
  return bundledTrainingData(dataset);
}
