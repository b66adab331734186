import type { LayerSpec, ModelState } from '../contract/model-spec';
import { analyzeSpec, type LayerInfo } from '../nn/spec-analysis';
import { affineInputs, type ExportSource } from './export-source';
import { ProtoWriter } from './protobuf';

/**
 * The trained network as an ONNX model (opset 13, IR version 7), written with the small protobuf writer beside
 * this file. Input "input" is (batch, ...spec.input) float32: the encoded features (numbers, yes/no as 0/1,
 * one-hot categories, pixels), before scaling; the fitted scaling and numeric fills run as the graph's first
 * nodes (IsNaN/Where, Sub, Div). Output "output" is (batch, outputs): what `nn-lab predict` prints.
 * Layers map one to one (dense → Gemm, conv2d → Conv, pools, Flatten, BatchNormalization in eval form,
 * dropout → Identity); GELU is the exact erf form and swish is x·sigmoid(x), since opset 13 has neither.
 * A perceptron's step is GreaterOrEqual(x·Wᵀ + b, 0) cast to float.
 */

export const onnxOpset = 13;
const FLOAT = 1; // TensorProto.DataType
const attrFloat = 1;
const attrInt = 2;
const attrInts = 7;

type Attribute = { name: string; f: number } | { name: string; i: number } | { name: string; ints: number[] };

class GraphBuilder {
  readonly nodes: ProtoWriter[] = [];
  readonly initializers: ProtoWriter[] = [];
  private count = 0;

  /** Adds a node; returns its (single) output name. */
  node(op: string, inputs: string[], attributes: Attribute[] = [], output = `${op.toLowerCase()}_${this.count}`): string {
    const node = new ProtoWriter();
    for (const input of inputs) node.string(1, input);
    node.string(2, output).string(3, `${op}_${this.count++}`).string(4, op);
    for (const a of attributes) {
      const attr = new ProtoWriter().string(1, a.name);
      if ('f' in a) attr.float(2, a.f).int(20, attrFloat);
      else if ('i' in a) attr.int(3, a.i).int(20, attrInt);
      else attr.packedInts(8, a.ints).int(20, attrInts);
      node.message(5, attr);
    }
    this.nodes.push(node);
    return output;
  }

  /** A float32 constant tensor; returns its name. */
  constant(name: string, shape: number[], data: ArrayLike<number>): string {
    const raw = new Uint8Array(data.length * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
    this.initializers.push(new ProtoWriter().packedInts(1, shape).int(2, FLOAT).string(8, name).bytes(9, raw));
    return name;
  }
}

/** A ValueInfoProto: a float tensor with a symbolic batch dimension and fixed others. */
function valueInfo(name: string, shape: number[]): ProtoWriter {
  const dims = new ProtoWriter().message(1, new ProtoWriter().string(2, 'batch'));
  for (const d of shape) dims.message(1, new ProtoWriter().int(1, d));
  const tensorType = new ProtoWriter().int(1, FLOAT).message(2, dims);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

function param(state: ModelState, key: string): { shape: number[]; data: number[] } {
  const tensor = state[key];
  if (!tensor) throw new Error(`the weights have no ${key}`);
  return tensor;
}

/** The nodes of one layer after `x`; returns the layer's output name. */
function layerNodes(g: GraphBuilder, info: LayerInfo, x: string, state: ModelState): string {
  const spec: LayerSpec = info.spec;
  const i = info.index;
  const weight = (name: string): string => {
    const t = param(state, `${i}.${name}`);
    return g.constant(`${i}.${name}`, t.shape, t.data);
  };
  const hasBias = (): boolean => `${i}.bias` in state;
  switch (spec.type) {
    case 'dense':
      return g.node('Gemm', hasBias() ? [x, weight('weight'), weight('bias')] : [x, weight('weight')], [{ name: 'transB', i: 1 }]);
    case 'conv2d': {
      const p = spec.padding ?? 0;
      const s = spec.stride ?? 1;
      return g.node('Conv', hasBias() ? [x, weight('weight'), weight('bias')] : [x, weight('weight')], [
        { name: 'kernel_shape', ints: [spec.kernel, spec.kernel] },
        { name: 'strides', ints: [s, s] },
        { name: 'pads', ints: [p, p, p, p] },
      ]);
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const s = spec.stride ?? spec.size;
      return g.node(spec.type === 'maxpool2d' ? 'MaxPool' : 'AveragePool', [x], [
        { name: 'kernel_shape', ints: [spec.size, spec.size] },
        { name: 'strides', ints: [s, s] },
      ]);
    }
    case 'flatten':
      return g.node('Flatten', [x], [{ name: 'axis', i: 1 }]);
    case 'batchnorm':
      return g.node('BatchNormalization', [x, weight('weight'), weight('bias'), weight('running_mean'), weight('running_var')], [{ name: 'epsilon', f: spec.eps ?? 1e-5 }]);
    case 'dropout':
    case 'linear':
      return g.node('Identity', [x]);
    case 'relu':
      return g.node('Relu', [x]);
    case 'leaky_relu':
      return g.node('LeakyRelu', [x], [{ name: 'alpha', f: spec.alpha ?? 0.01 }]);
    case 'elu':
      return g.node('Elu', [x], [{ name: 'alpha', f: spec.alpha ?? 1 }]);
    case 'sigmoid':
      return g.node('Sigmoid', [x]);
    case 'tanh':
      return g.node('Tanh', [x]);
    case 'swish':
      return g.node('Mul', [x, g.node('Sigmoid', [x])]);
    case 'gelu': {
      // x·Φ(x) = 0.5·x·(1 + erf(x/√2))
      const erf = g.node('Erf', [g.node('Div', [x, g.constant(`${i}.sqrt2`, [], [Math.SQRT2])])]);
      const onePlus = g.node('Add', [erf, g.constant(`${i}.one`, [], [1])]);
      return g.node('Mul', [g.node('Mul', [x, onePlus]), g.constant(`${i}.half`, [], [0.5])]);
    }
    case 'softmax':
      return g.node('Softmax', [x], [{ name: 'axis', i: 1 }]);
  }
}

/** The ModelProto's bytes for a trained network. */
export function writeOnnx(source: ExportSource, producerVersion: string): Uint8Array {
  const { spec, state, preprocess } = source;
  const analysis = analyzeSpec(spec);
  const g = new GraphBuilder();
  let x = 'input';
  const size = spec.input.reduce((a, b) => a * b, 1);
  const affine = affineInputs(preprocess, size);
  if (preprocess && affine.imputes) {
    x = g.node('Where', [g.node('IsNaN', [x]), g.constant('preprocess.fill', spec.input, affine.fill), x]);
  }
  if (preprocess && !affine.identity) {
    x = g.node('Sub', [x, g.constant('preprocess.offset', spec.input, affine.offset)]);
    x = g.node('Div', [x, g.constant('preprocess.scale', spec.input, affine.scale)]);
  }
  if (analysis.kind === 'perceptron') {
    const z = g.node('Gemm', [x, g.constant('0.weight', param(state, '0.weight').shape, param(state, '0.weight').data), g.constant('0.bias', param(state, '0.bias').shape, param(state, '0.bias').data)], [{ name: 'transB', i: 1 }]);
    x = g.node('GreaterOrEqual', [z, g.constant('zero', [], [0])]);
    x = g.node('Cast', [x], [{ name: 'to', i: FLOAT }]);
  } else {
    for (const layer of analysis.layers) x = layerNodes(g, layer, x, state);
  }
  g.node('Identity', [x], [], 'output');

  const graph = new ProtoWriter();
  for (const node of g.nodes) graph.message(1, node);
  graph.string(2, source.name || 'nn-lab');
  for (const init of g.initializers) graph.message(5, init);
  graph.string(10, graphDoc(source));
  graph.message(11, valueInfo('input', spec.input));
  graph.message(12, valueInfo('output', analysis.outputShape));

  const model = new ProtoWriter()
    .int(1, 7) // IR version 7: opset 13's
    .string(2, 'nn-lab')
    .string(3, producerVersion)
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, onnxOpset));
  for (const [key, value] of Object.entries(onnxMetadata(source))) model.message(14, new ProtoWriter().string(1, key).string(2, value));
  return model.finish();
}

function graphDoc(source: ExportSource): string {
  const names = source.preprocess?.featureNames;
  return [
    `NN Lab run "${source.name}".`,
    `input: (batch, ${source.spec.input.join(', ')}) encoded features before scaling${names ? `: ${names.join(', ')}` : ''}.`,
    'output: the network\'s outputs, as nn-lab predict prints them.',
  ].join('\n');
}

/** metadata_props: the class names (JSON) and what the input columns are, for whoever runs the file. */
export function onnxMetadata(source: ExportSource): Record<string, string> {
  const meta: Record<string, string> = { 'nn-lab.run': source.name, 'nn-lab.spec': JSON.stringify(source.spec) };
  const p = source.preprocess;
  if (p) {
    meta['task'] = p.target.task;
    meta['target'] = JSON.stringify(p.target.columns);
    if (p.target.classes) meta[p.target.task === 'multilabel' ? 'labels' : 'classes'] = JSON.stringify(p.target.classes);
    meta['feature_names'] = JSON.stringify(p.featureNames);
  }
  return meta;
}
