import { z } from 'zod';
import { ApiError } from '../../src-core/contract/api-error';
import { modelSpecSchema } from '../../src-core/contract/model-spec';
import { trainConfigSchema } from '../../src-core/contract/run-config';
import { checkRunFits } from './check-run-fits';
import type { RunDataset } from './run-datasets';

const launchConfigSchema = z.strictObject({ spec: modelSpecSchema, train: trainConfigSchema });

/**
 * A config made by the lab rather than typed (a sweep's point, a seed plan's copy, a fork's change), checked before
 * any run of it is stored: still valid by the contract (a range could reach a negative rate) and fit for the data.
 * `what` names it in the message ("Sweep run lr=0.1 seed=0"); `field` is where the change came from.
 */
export function checkLaunchConfig(config: unknown, what: string, field: string, dataset: RunDataset): void {
  const valid = launchConfigSchema.safeParse(config);
  if (!valid.success) {
    const issue = valid.error.issues[0]!;
    throw new ApiError({ code: 'bad_input', field, message: `${what}: ${issue.path.join('.')}: ${issue.message}` });
  }
  try {
    checkRunFits(valid.data.spec, valid.data.train, dataset.info, dataset.targetWidth);
  } catch (error) {
    const apiError = ApiError.from(error);
    throw new ApiError({ ...apiError.toData(), message: `${what}: ${apiError.message}` });
  }
}
