/**
 * Learn (issue 15): the computations behind each textbook explorer, one file per explorer, all running the
 * lab's own layers, losses, optimizers and sessions. Each exports its explanation and its workbench set-up;
 * views only draw what these return. What answers a slider (activation curves, softmax, optimizer paths, contour
 * grids, statistics by depth, a units count, the gradient check) takes milliseconds; what trains several networks
 * (batch size, learning rate, regularisation, batch norm, the checklist) belongs in a worker. The tests' names
 * carry the times measured.
 */
export { linspace, stdOf, type Explanation, type WorkbenchSetup } from './explainer';
export * from './activation-functions';
export * from './loss-surfaces';
export * from './optimizer-paths';
export * from './init-depth';
export * from './train-curves';
export * from './perceptron-vs-mlp';
export * from './batch-size';
export * from './learning-rate';
export * from './regularisation';
export * from './batch-norm';
export * from './universal-approximation';
export * from './gradient-checking';
export * from './debugging-checklist';
export { explorers } from './explorers';
