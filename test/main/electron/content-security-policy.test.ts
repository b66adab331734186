import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyDirectives } from '../../../src-main/electron/content-security-policy';

/** The meta tag in src-renderer/index.html, as directives. */
function rendererMetaPolicy(): string[] {
  const html = readFileSync(resolve(import.meta.dirname, '../../../src-renderer/index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  expect(meta, 'src-renderer/index.html has no Content-Security-Policy meta tag').not.toBeNull();
  return meta![1]!.split(';').map((directive) => directive.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

describe("the renderer's CSP meta tag", () => {
  it('is the policy main enforces by header, less frame-ancestors (which a meta tag cannot carry)', () => {
    const header = contentSecurityPolicyDirectives.filter((d) => !d.startsWith('frame-ancestors'));
    expect(rendererMetaPolicy().sort()).toEqual([...header].sort());
  });
});
