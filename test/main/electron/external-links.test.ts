import type { MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createLinkOpener, openLinkQuestion } from '../../../src-main/electron/external-links';

/** A person at the message box: presses `answer` (0 Open, 1 Cancel), or leaves it open until `release`. */
function person(answer: number) {
  const asked: MessageBoxOptions[] = [];
  const opened: string[] = [];
  let release = (): void => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let hold = false;
  const opener = createLinkOpener(
    async (question) => {
      asked.push(question);
      if (hold) await held;
      return { response: answer };
    },
    async (url) => {
      opened.push(url);
    },
  );
  return { opener, asked, opened, holdNext: () => (hold = true), release: () => release() };
}

describe('openLinkQuestion', () => {
  it('asks "Open <url> in your browser?", names the real host, and defaults to Cancel', () => {
    const question = openLinkQuestion('https://archive.ics.uci.edu/dataset/53/iris');
    expect(question.message).toBe('Open https://archive.ics.uci.edu/dataset/53/iris in your browser?');
    expect(question.detail).toContain('archive.ics.uci.edu');
    expect(question.buttons).toEqual(['Open', 'Cancel']);
    expect(question).toMatchObject({ defaultId: 1, cancelId: 1, type: 'question' });
  });

  it('shows where a disguised link really goes, and an international host in punycode', () => {
    expect(openLinkQuestion('https://pytorch.org@evil.example/x').detail).toContain('evil.example');
    expect(openLinkQuestion('https://exаmple.com/').message).toContain('xn--');
  });

  it('cuts a very long URL in the message', () => {
    const question = openLinkQuestion(`https://example.com/${'a'.repeat(5000)}`);
    expect(question.message!.length).toBeLessThan(260);
    expect(question.message).toContain('…');
  });
});

describe('createLinkOpener', () => {
  it('opens an http(s) link in the browser only after the person says Open', async () => {
    const yes = person(0);
    expect(await yes.opener('https://scikit-learn.org/stable/datasets/toy_dataset.html')).toBe(true);
    expect(yes.asked).toHaveLength(1);
    expect(yes.opened).toEqual(['https://scikit-learn.org/stable/datasets/toy_dataset.html']);

    const no = person(1);
    expect(await no.opener('https://example.com/')).toBe(false);
    expect(no.asked).toHaveLength(1);
    expect(no.opened).toEqual([]);
  });

  it('never asks about, nor opens, any other scheme', async () => {
    const yes = person(0);
    for (const url of ['file:///usr/bin/xterm', 'smb://share/x.exe', 'javascript:alert(1)', 'app://nn-lab/index.html', 'not a url']) {
      expect(await yes.opener(url)).toBe(false);
    }
    expect(yes.asked).toEqual([]);
    expect(yes.opened).toEqual([]);
  });

  it('asks one question at a time: links while a question is open are dropped', async () => {
    const yes = person(0);
    yes.holdNext();
    const first = yes.opener('https://example.com/1');
    expect(await yes.opener('https://example.com/2')).toBe(false);
    yes.release();
    expect(await first).toBe(true);
    expect(await yes.opener('https://example.com/3')).toBe(true);
    expect(yes.opened).toEqual(['https://example.com/1', 'https://example.com/3']);
  });

  it('survives a browser that fails to open', async () => {
    const opener = createLinkOpener(
      async () => ({ response: 0 }),
      () => Promise.reject(new Error('no browser')),
    );
    expect(await opener('https://example.com/')).toBe(false);
  });
});
