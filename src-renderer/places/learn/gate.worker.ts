/**
 * The Learn place's worker for explorer 4: trains the perceptron and the 2-4-1 MLP side by side (src-core/learn's
 * GateRace, the core's own sessions) one epoch at a time and posts each epoch's accuracies and boundaries, so the
 * page only draws. A newer request abandons the one running.
 */
import { gateData, GateRace } from '../../../src-core/learn/perceptron-vs-mlp';
import { classOneProbability, gatePoints, type GateFrame, type GateRequest } from './gate-frames';

const scope = self as unknown as { onmessage: ((event: MessageEvent<GateRequest>) => void) | null; postMessage(message: GateFrame): void };
const resolution = 48;
let current = 0;

scope.onmessage = (event) => {
  const request = event.data;
  current = request.token;
  const race = new GateRace(request.gate);
  let epoch = 0;
  const next = (): void => {
    if (current !== request.token) return;
    const step = race.step();
    epoch++;
    const grids = race.boundaries(resolution);
    const frame: GateFrame = {
      token: request.token,
      epoch,
      perceptronAccuracy: step.perceptron.accuracy ?? 0,
      mlpAccuracy: step.mlp.accuracy ?? 0,
      perceptron: classOneProbability(grids.perceptron),
      mlp: classOneProbability(grids.mlp),
      res: resolution,
    };
    if (epoch === 1) frame.points = gatePoints(gateData(request.gate).train);
    scope.postMessage(frame);
    if (epoch < request.epochs) setTimeout(next, request.pace);
  };
  next();
};
