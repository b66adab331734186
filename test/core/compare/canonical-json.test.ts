import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src-core/compare/canonical-json';
import * as compare from '../../../src-core/compare/index';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: [2, 1] })).not.toBe(canonicalJson({ x: [1, 2] }));
    expect(canonicalJson('text')).toBe('"text"');
  });
});

describe('the compare index', () => {
  it('exports the public API', () => {
    for (const name of [
      'alignByEpoch',
      'groupBySeed',
      'bandsForGroup',
      'configKey',
      'diffConfigs',
      'runConfigForDiff',
      'formatConfigValue',
      'timeToTarget',
      'summarizeRun',
      'summarizeRuns',
      'compareSeedGroups',
      'compareSamples',
      'chooseDesign',
      'welchTTest',
      'pairedTTest',
      'mannWhitneyU',
      'wilcoxonSignedRank',
      'permutationTest',
      'studentTCdf',
      'normalCdf',
    ]) {
      expect(typeof (compare as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
