/**
 * Koubei's storage layer: where the browser refuses storage (reading `window.indexedDB` or `window.localStorage`
 * throws, an IndexedDB open never answers, a write throws QuotaExceededError), nothing throws into the page, every
 * operation still lands somewhere (IndexedDB, then localStorage, then memory), each switch is reported once, and the
 * mode says where things are. A full disk is not a reason to switch. The synchronous store (answered-once, prefill,
 * steps) keeps what the browser refused in the page's memory.
 */
import { expect } from '@open-wc/testing';
import { createStorage, isQuota } from '../../src/storage/index.js';
import { syncStore } from '../../src/storage/web.js';

/** Replaces a global's getter with one that throws, until the returned function puts it back. */
function refuse(name: 'indexedDB' | 'localStorage' | 'sessionStorage'): () => void {
  const own = Object.getOwnPropertyDescriptor(window, name);
  Object.defineProperty(window, name, {
    configurable: true,
    get() {
      throw new DOMException(`${name} is denied`, 'SecurityError');
    },
  });
  return () => (own ? Object.defineProperty(window, name, own) : delete (window as unknown as Record<string, unknown>)[name]);
}

/** Replaces a prototype's method until the returned function puts it back. */
function patch<T extends object, K extends keyof T>(proto: T, key: K, fn: T[K]): () => void {
  const orig = proto[key];
  proto[key] = fn;
  return () => void (proto[key] = orig);
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

function make(onFallback?: (m: string) => void, timeout = 5000) {
  const name = `koubei-storage-test-${crypto.randomUUID()}`;
  return { name, st: createStorage({ name, version: 1, stores: ['a', 'b'], prefix: (s) => `${name}/${s}/`, timeout: () => timeout, onFallback, salvage: 'a' }) };
}

describe('storage layer: IndexedDB, then localStorage, then memory', () => {
  const restore: (() => void)[] = [];
  afterEach(() => {
    while (restore.length) restore.pop()!();
    for (const k of Object.keys(localStorage)) if (k.startsWith('koubei-storage-test-')) localStorage.removeItem(k);
  });

  it('keeps records in IndexedDB when it works: get, page in key order, change', async () => {
    const heard: string[] = [];
    const { name, st } = make((m) => heard.push(m));
    await st.change('a', ['y', 'x'], (_, k) => ({ k }));
    await st.change('b', ['x'], () => 'other store');
    expect(st.mode).to.equal('indexeddb');
    expect(await st.page('a')).to.deep.equal([['x', { k: 'x' }], ['y', { k: 'y' }]]);
    expect(await st.page('b')).to.deep.equal([['x', 'other store']]);
    expect(Object.keys(localStorage).filter((k) => k.startsWith(name))).to.deep.equal([]);
    expect(heard).to.deep.equal([]);
  });

  it('reading window.indexedDB throws: nothing throws, records go to localStorage (its keys prefix/store/key), said once', async () => {
    restore.push(refuse('indexedDB'));
    const heard: string[] = [];
    const { name, st } = make((m) => heard.push(m));
    await st.change('a', ['k1', 'k2'], (_, k) => ({ k }));
    expect(st.mode).to.equal('localstorage');
    expect(await st.page('a', 'k1')).to.deep.equal([['k2', { k: 'k2' }]]);
    expect(localStorage.getItem(`${name}/a/k1`)).to.equal('{"k":"k1"}');
    expect(heard).to.have.length(1);
    expect(heard[0]).to.match(/now using localstorage/);
  });

  it('reading window.indexedDB and window.localStorage both throw: memory, and every operation still works', async () => {
    restore.push(refuse('indexedDB'), refuse('localStorage'));
    const heard: string[] = [];
    const { st } = make((m) => heard.push(m));
    await st.change('a', ['k'], () => 1);
    expect(st.mode).to.equal('memory');
    await st.change('a', ['k'], (old) => (old as number) + 1);
    expect(await st.page('a')).to.deep.equal([['k', 2]]);
    await st.salvage();
    expect(heard).to.have.length(1);
    expect(heard[0]).to.match(/now using memory/);
  });

  it('an open that never answers times out, is tried once more, then localStorage takes over', async () => {
    let opens = 0;
    restore.push(patch(IDBFactory.prototype, 'open', function () {
      opens++;
      return {} as IDBOpenDBRequest;
    }));
    const heard: string[] = [];
    const { name, st } = make((m) => heard.push(m), 50);
    const t = performance.now();
    await st.change('a', ['k'], () => 'v');
    expect(performance.now() - t).to.be.at.least(90);
    expect(opens).to.equal(2);
    expect(st.mode).to.equal('localstorage');
    expect(localStorage.getItem(`${name}/a/k`)).to.equal('"v"');
    expect(heard).to.have.length(1);
    expect(heard[0]).to.match(/IndexedDB timeout.*now using localstorage/);
    // Once switched, the next operations go straight there.
    await st.change('a', ['j'], () => 'w');
    expect(opens).to.equal(2);
  });

  it('an IndexedDB write that throws QuotaExceededError rejects with it: no retry, no switch, nothing written', async () => {
    const { st } = make();
    await st.change('a', ['kept'], () => 'v');
    let puts = 0;
    restore.push(patch(IDBObjectStore.prototype, 'put', function (): IDBRequest<IDBValidKey> {
      puts++;
      throw quota();
    }));
    const err = await st.change('a', ['new'], () => 'w').then(() => undefined, (e: unknown) => e);
    expect(isQuota(err)).to.equal(true);
    expect(puts).to.equal(1);
    expect(st.mode).to.equal('indexeddb');
    restore.pop()!();
    expect(await st.page('a')).to.deep.equal([['kept', 'v']]);
  });

  it('localStorage full while it is the fallback: rejects with QuotaExceededError and stays there', async () => {
    restore.push(refuse('indexedDB'));
    const { st } = make();
    await st.change('a', ['k'], () => 'v');
    restore.push(patch(Storage.prototype, 'setItem', () => {
      throw quota();
    }));
    const err = await st.change('a', ['j'], () => 'w').then(() => undefined, (e: unknown) => e);
    expect(isQuota(err)).to.equal(true);
    expect(st.mode).to.equal('localstorage');
  });

  it('a record limit counts the store: adding past it fails with the count, changing a kept key does not', async () => {
    const { st } = make();
    await st.change('a', ['x', 'y'], () => 1);
    const err = await st.change('a', ['z'], () => 1, 2).then(() => undefined, (e: unknown) => e);
    expect(isQuota(err)).to.equal(true);
    expect((err as { full: number }).full).to.equal(2);
    await st.change('a', ['x'], () => 2, 2);
    expect(await st.page('a')).to.deep.equal([['x', 2], ['y', 1]]);
  });

  it('salvage() moves what a fallback left in localStorage back into IndexedDB, keeping a newer IndexedDB value', async () => {
    const { name, st } = make();
    await st.change('a', ['both'], () => 'from IndexedDB');
    localStorage.setItem(`${name}/a/left`, '"from localStorage"');
    localStorage.setItem(`${name}/a/both`, '"older"');
    await st.salvage();
    expect(await st.page('a')).to.deep.equal([['both', 'from IndexedDB'], ['left', 'from localStorage']]);
    expect(Object.keys(localStorage).filter((k) => k.startsWith(name))).to.deep.equal([]);
  });
});

describe('storage layer: the synchronous store (Web Storage, else memory)', () => {
  const restore: (() => void)[] = [];
  afterEach(() => {
    while (restore.length) restore.pop()!();
    for (const k of Object.keys(localStorage)) if (k.startsWith('koubei-sync-test:')) localStorage.removeItem(k);
  });

  it('works on localStorage and sessionStorage when they work', () => {
    for (const [kind, area] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) {
      const s = syncStore(kind);
      s.set('koubei-sync-test:a', '1');
      expect(area.getItem('koubei-sync-test:a')).to.equal('1');
      expect(s.get('koubei-sync-test:a')).to.equal('1');
      expect(s.keys('koubei-sync-test:')).to.deep.equal(['koubei-sync-test:a']);
      s.remove('koubei-sync-test:a');
      expect(area.getItem('koubei-sync-test:a')).to.equal(null);
      expect(s.get('koubei-sync-test:a')).to.equal(null);
    }
  });

  it('reading window.localStorage throws: nothing throws, this page remembers', () => {
    restore.push(refuse('localStorage'));
    const s = syncStore('localStorage');
    expect(s.get('koubei-sync-test:a')).to.equal(null);
    s.set('koubei-sync-test:a', '1');
    s.set('koubei-sync-test:b', '2');
    expect(s.get('koubei-sync-test:a')).to.equal('1');
    expect(s.get('koubei-sync-test:b')).to.equal('2');
    expect(s.keys('koubei-sync-test:')).to.deep.equal([]);
    s.remove('koubei-sync-test:a');
    expect(s.get('koubei-sync-test:a')).to.equal(null);
  });

  it('a write that throws QuotaExceededError is kept in memory, and the older value stored before does not hide it', () => {
    const s = syncStore('localStorage');
    s.set('koubei-sync-test:a', 'old');
    const undo = patch(Storage.prototype, 'setItem', () => {
      throw quota();
    });
    s.set('koubei-sync-test:a', 'new');
    expect(s.get('koubei-sync-test:a')).to.equal('new');
    expect(localStorage.getItem('koubei-sync-test:a')).to.equal(null);
    undo();
    // Storage works again: the next write goes there, and memory lets go of the key.
    s.set('koubei-sync-test:a', 'newer');
    expect(localStorage.getItem('koubei-sync-test:a')).to.equal('newer');
    localStorage.removeItem('koubei-sync-test:a');
    expect(s.get('koubei-sync-test:a')).to.equal(null);
  });
});
