import type { WorkbenchSetup } from '../../../src-core/learn/explainer';
import type { Route } from '../../shell/route';

/**
 * "Open in the workbench": the explorer's set-up becomes the model panel's draft (the one Duplicate & edit uses:
 * its dataset picked, its network and settings in the form) and the window goes to Build & train. Nothing moves
 * when the draft cannot load (its dataset is not listed); the model store says why.
 */
export async function openInWorkbench(
  setup: WorkbenchSetup,
  model: { loadDraft(draft: WorkbenchSetup): Promise<boolean> },
  router: { go(route: Route): void },
): Promise<boolean> {
  const loaded = await model.loadDraft(setup);
  if (loaded) router.go({ place: 'build' });
  return loaded;
}
