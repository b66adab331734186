/**
 * The XOR pair the Inside and side-by-side specs train: a perceptron (which cannot learn XOR) and a small MLP (which
 * can), as `runs.start` arguments with the given epoch counts.
 */
export function xorPair(epochs: { perceptron: number; mlp: number }) {
  const perceptron = {
    name: 'XOR perceptron',
    spec: { kind: 'perceptron', input: [2], layers: [] },
    train: { loss: 'bce', optimizer: { type: 'sgd', lr: 1 }, batchSize: 1, epochs: epochs.perceptron, seed: 1 },
  };
  const mlp = {
    name: 'XOR MLP',
    spec: { input: [2], layers: [{ type: 'dense', units: 4 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
    train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: epochs.mlp, seed: 1 },
  };
  return { perceptron, mlp };
}
