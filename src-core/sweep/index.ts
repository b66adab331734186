/** Sweeps: pure expansion of a grid or random search over a base config into run configs. */
export { SweepError, expandSweep, setAtPath, type SweepRun } from './expand-sweep';
export {
  maxSweepRuns,
  sweepParameterSchema,
  sweepRangeSchema,
  sweepSpecSchema,
  type SweepParameter,
  type SweepRange,
  type SweepSpec,
} from './sweep-spec';
export { sweepProgress, timeLeft, type SweepProgress, type SweepRunProgress } from './sweep-progress';
export { sweepFileSchema, type SweepFile } from './sweep-file';
export { parseSettingValue, sweepFromForm, tunableSettings, type FormProblem, type SweepForm, type SweepFormParameter, type TunableSetting } from './sweep-form';
