import type { AppCommand } from '../../src-core/contract/app-api';
import type { Place } from './route';

/** What the window can do right now: the same facts that enable or disable its buttons. */
export interface CommandState {
  /** An import is under way (Import CSV… is disabled). */
  importing: boolean;
  /** Why Train is disabled (a form error, no dataset...), or null when it is enabled. */
  trainBlocker: string | null;
  /** The run the Stop button would stop, or null when no run is active. */
  stoppableRunId: string | null;
  /** A stop was asked for and has not been answered yet (Stop is disabled). */
  stopping: boolean;
  /** The selected dataset was imported, so it has a dataset doctor tab. */
  hasDoctor: boolean;
}

/** What a menu command comes to in the window: the action of the matching button. */
export type CommandAction =
  | { kind: 'import-dataset' }
  | { kind: 'train' }
  | { kind: 'stop'; runId: string }
  | { kind: 'show-tab'; tab: 'training' | 'doctor' };

/**
 * The action an `app.command` from the desktop menu asks for, or null when its button is disabled
 * (or the command is not one this window knows: the payload crossed a process boundary). Places map to
 * today's tabs: Data to the dataset doctor, Build & train and Runs to the training view.
 */
export function commandAction(command: AppCommand | unknown, state: CommandState): CommandAction | null {
  if (typeof command !== 'object' || command === null) return null;
  if ('action' in command) {
    switch (command.action) {
      case 'import-dataset':
        return state.importing ? null : { kind: 'import-dataset' };
      case 'train':
        return state.trainBlocker === null ? { kind: 'train' } : null;
      case 'stop':
        return state.stoppableRunId !== null && !state.stopping ? { kind: 'stop', runId: state.stoppableRunId } : null;
      default:
        return null;
    }
  }
  if ('place' in command) {
    switch (command.place) {
      case 'build':
      case 'runs':
        return { kind: 'show-tab', tab: 'training' };
      case 'data':
        return state.hasDoctor ? { kind: 'show-tab', tab: 'doctor' } : null;
      default:
        return null;
    }
  }
  return null;
}

/** The places that show the Import CSV… button (and so can open the file chooser themselves). */
const placesWithImport: readonly Place[] = ['data', 'build'];

/**
 * The place a command's action needs on screen, or null to stay where the window is: the views (Training, Dataset
 * doctor) are tabs of Build & train; Import CSV… opens Data when the place shown has no import button; Train and
 * Stop act wherever they are asked.
 */
export function placeForCommand(action: CommandAction, current: Place): Place | null {
  switch (action.kind) {
    case 'show-tab':
      return current === 'build' ? null : 'build';
    case 'import-dataset':
      return placesWithImport.includes(current) ? null : 'data';
    case 'train':
    case 'stop':
      return null;
  }
}
