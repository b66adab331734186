import { ApiError } from '../../src-core/contract/api-error';
import { kernelChoices, useKernels, type KernelBackend, type KernelChoice, type ThreadTeam } from '../../src-core/nn/index';

/** The environment variable that chooses the kernels: js (the TypeScript reference) or wasm (the default). */
export const kernelsVariable = 'NN_LAB_KERNELS';

/** A choice as written in `where` (the variable or a flag); unset or empty means the default, wasm. */
export function parseKernelChoice(value: string | undefined, where: string): KernelChoice {
  if (value === undefined || value === '') return 'wasm';
  if ((kernelChoices as readonly string[]).includes(value)) return value as KernelChoice;
  throw new ApiError({ code: 'bad_input', message: `${where} must be ${kernelChoices.join(' or ')}, not ${JSON.stringify(value)}`, field: where });
}

/**
 * Chooses this thread's kernels from NN_LAB_KERNELS and returns the backend that runs (wasm falls back to js);
 * `team` splits the models' large products between its threads (wasm only).
 */
export function useKernelsFromEnvironment(env: NodeJS.ProcessEnv = process.env, team: ThreadTeam | null = null): KernelBackend {
  return useKernels(parseKernelChoice(env[kernelsVariable], kernelsVariable), { team });
}
