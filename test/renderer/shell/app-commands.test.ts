import { describe, expect, it } from 'vitest';
import { commandAction, placeForCommand, type CommandAction, type CommandState } from '../../../src-renderer/shell/app-commands';

/** A window where every button is enabled: nothing importing, a valid form, run-7 running, an imported dataset. */
const ready: CommandState = {
  importing: false,
  trainBlocker: null,
  stoppableRunId: 'run-7',
  stopping: false,
  hasDoctor: true,
};

describe('commandAction', () => {
  it('maps each menu command to the action of its button', () => {
    expect(commandAction({ place: 'runs' }, ready)).toEqual({ kind: 'show-tab', tab: 'training' });
    expect(commandAction({ action: 'import-dataset' }, ready)).toEqual({ kind: 'import-dataset' });
    expect(commandAction({ action: 'train' }, ready)).toEqual({ kind: 'train' });
    expect(commandAction({ action: 'stop' }, ready)).toEqual({ kind: 'stop', runId: 'run-7' });
    expect(commandAction({ place: 'build' }, ready)).toEqual({ kind: 'show-tab', tab: 'training' });
    expect(commandAction({ place: 'data' }, ready)).toEqual({ kind: 'show-tab', tab: 'doctor' });
  });

  it('does nothing for Train while the form has an error', () => {
    expect(commandAction({ action: 'train' }, { ...ready, trainBlocker: 'Epochs: must be at least 1' })).toBeNull();
  });

  it('stops only while a run is active and no stop is pending', () => {
    expect(commandAction({ action: 'stop' }, { ...ready, stoppableRunId: null })).toBeNull();
    expect(commandAction({ action: 'stop' }, { ...ready, stopping: true })).toBeNull();
  });

  it('does not start a second import while one is under way', () => {
    expect(commandAction({ action: 'import-dataset' }, { ...ready, importing: true })).toBeNull();
  });

  it('shows the dataset doctor only for an imported dataset, the training view always', () => {
    const builtIn = { ...ready, hasDoctor: false };
    expect(commandAction({ place: 'data' }, builtIn)).toBeNull();
    expect(commandAction({ place: 'build' }, builtIn)).toEqual({ kind: 'show-tab', tab: 'training' });
  });

  it('ignores a command it does not know', () => {
    expect(commandAction({ action: 'format-disk' }, ready)).toBeNull();
    expect(commandAction({ place: 'attic' }, ready)).toBeNull();
    expect(commandAction('show-training', ready)).toBeNull();
    expect(commandAction(null, ready)).toBeNull();
  });
});

describe('placeForCommand', () => {
  const everywhere = ['data', 'build', 'runs', 'learn'] as const;
  const going = (action: CommandAction) => everywhere.map((place) => placeForCommand(action, place));

  it('opens Build & train for the Training and Dataset doctor views, staying there when already shown', () => {
    for (const tab of ['training', 'doctor'] as const) expect(going({ kind: 'show-tab', tab })).toEqual(['build', null, 'build', 'build']);
  });

  it('opens Data for Import CSV… only where the place shown has no import button', () => {
    expect(going({ kind: 'import-dataset' })).toEqual([null, null, 'data', 'data']);
  });

  it('trains and stops wherever the window is', () => {
    expect(going({ kind: 'train' })).toEqual([null, null, null, null]);
    expect(going({ kind: 'stop', runId: 'run-7' })).toEqual([null, null, null, null]);
  });

  it('takes each menu command to its place from Runs', () => {
    const fromRuns = (command: unknown) => {
      const action = commandAction(command, ready);
      return action && placeForCommand(action, 'runs');
    };
    const commands = [{ action: 'import-dataset' }, { action: 'train' }, { action: 'stop' }, { place: 'build' }, { place: 'data' }];
    expect(commands.map(fromRuns)).toEqual(['data', null, null, 'build', 'build']);
  });
});
