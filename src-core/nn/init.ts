import type { ActivationName, InitializerName } from '../contract/model-spec';
import type { Random } from '../data/random';

/**
 * Weight initializers with PyTorch's formulas (torch.nn.init), fan-in mode.
 *
 * | scheme         | distribution                                   |
 * |----------------|------------------------------------------------|
 * | zeros          | 0                                              |
 * | small_normal   | N(0, 0.01²)                                    |
 * | uniform        | U(-1/√fanIn, 1/√fanIn): nn.Linear / nn.Conv2d's default |
 * | xavier_normal  | N(0, 2/(fanIn+fanOut)), gain 1                 |
 * | xavier_uniform | U(±√(6/(fanIn+fanOut))), gain 1                |
 * | he_normal      | N(0, 2/fanIn): kaiming_normal_, gain √2        |
 * | he_uniform     | U(±√(6/fanIn)): kaiming_uniform_, gain √2      |
 * | lecun_normal   | N(0, 1/fanIn)                                  |
 * | auto           | He for relu-like activations, Xavier otherwise |
 *
 * For conv2d, fanIn = inChannels·k·k and fanOut = filters·k·k, as PyTorch computes them.
 */
export interface Fan {
  fanIn: number;
  fanOut: number;
}

/** Activations whose positive half is (near) linear and whose negative half is cut: He keeps their variance. */
const heActivations: ReadonlySet<ActivationName> = new Set(['relu', 'leaky_relu', 'elu', 'swish', 'gelu']);

/** The concrete scheme `auto` stands for, given the activation that follows the layer. */
export function resolveInitializer(scheme: InitializerName, activation?: ActivationName): Exclude<InitializerName, 'auto'> {
  if (scheme !== 'auto') return scheme;
  return activation !== undefined && heActivations.has(activation) ? 'he_normal' : 'xavier_uniform';
}

/** Fills `out` in place with the scheme's distribution; `rng` supplies every random number. */
export function initialize(
  out: Float32Array | Float64Array,
  scheme: InitializerName,
  fan: Fan,
  rng: Random,
  activation?: ActivationName,
): void {
  const fanIn = Math.max(1, fan.fanIn);
  const fanOut = Math.max(1, fan.fanOut);
  switch (resolveInitializer(scheme, activation)) {
    case 'zeros':
      out.fill(0);
      return;
    case 'small_normal':
      return fillNormal(out, 0.01, rng);
    case 'uniform':
      return fillUniform(out, 1 / Math.sqrt(fanIn), rng);
    case 'xavier_normal':
      return fillNormal(out, Math.sqrt(2 / (fanIn + fanOut)), rng);
    case 'xavier_uniform':
      return fillUniform(out, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'he_normal':
      return fillNormal(out, Math.sqrt(2 / fanIn), rng);
    case 'he_uniform':
      return fillUniform(out, Math.sqrt(6 / fanIn), rng);
    case 'lecun_normal':
      return fillNormal(out, Math.sqrt(1 / fanIn), rng);
  }
}

function fillNormal(out: Float32Array | Float64Array, std: number, rng: Random): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
}

/** U(-bound, bound); the variance is bound²/3. */
function fillUniform(out: Float32Array | Float64Array, bound: number, rng: Random): void {
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * bound;
}
