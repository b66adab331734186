/** The part of ConvNetJS 0.3.0 (untyped CommonJS) that the bench uses. */
declare module 'convnetjs' {
  export class Vol {
    constructor(sx: number, sy: number, depth: number, c?: number);
    w: Float64Array;
    dw: Float64Array;
  }
  export interface ParamsAndGrads {
    params: Float64Array;
    grads: Float64Array;
  }
  export class Net {
    makeLayers(defs: Array<Record<string, unknown>>): void;
    forward(v: Vol, isTraining?: boolean): Vol;
    backward(y: number): number;
    getParamsAndGrads(): ParamsAndGrads[];
  }
  export class Trainer {
    constructor(net: Net, options: Record<string, unknown>);
    train(x: Vol, y: number): { loss: number; cost_loss: number };
  }
  const convnetjs: { Vol: typeof Vol; Net: typeof Net; Trainer: typeof Trainer };
  export default convnetjs;
}
