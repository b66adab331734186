/**
 * The stand-in for the `electron` module (the only module the project mocks: its binary cannot run
 * here). It keeps what the shell did (handlers registered, windows made, messages sent) so tests
 * can act like Electron would: invoke a channel from a given frame, fire `will-navigate`, etc.
 * Use it with: vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;
type InvokeHandler = (event: { senderFrame: { url: string } | null; sender: unknown }, ...args: unknown[]) => unknown;

/** An Electron-style event whose default can be prevented. */
export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = ''): FakeEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
    this.emit('sent', channel, payload);
  }

  /** Resolves with the first payload sent on `channel` that `accept` takes. */
  nextSent(channel: string, accept: (payload: unknown) => boolean = () => true): Promise<unknown> {
    return new Promise((resolve) => {
      const listener = (sentOn: string, payload: unknown) => {
        if (sentOn !== channel || !accept(payload)) return;
        this.off('sent', listener);
        resolve(payload);
      };
      this.on('sent', listener);
    });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export function createFakeElectron() {
  const appEvents = new EventEmitter();
  const ipcHandlers = new Map<string, InvokeHandler>();
  const rendererEvents = new EventEmitter();
  let settle: (how: 'window' | 'error' | 'quit') => void = () => {};
  /** Resolves when the shell first opens a window, reports an error, or quits: it has finished starting. */
  const started = new Promise<'window' | 'error' | 'quit'>((resolve) => (settle = resolve));
  let onQuit: () => void = () => {};
  /** Resolves when app.quit() is first called. */
  const quitCalled = new Promise<void>((resolve) => (onQuit = resolve));

  const state = {
    singleInstanceLock: true,
    sandboxEnabled: false,
    darkTheme: false,
    isPackaged: true,
    userData: '/nonexistent/user-data',
    appPath: '/nonexistent/app',
    quitCalls: 0,
    exitCodes: [] as number[],
    externalUrls: [] as string[],
    errorBoxes: [] as Array<{ title: string; content: string }>,
    messageBoxes: [] as unknown[],
    /** The button the fake user presses in the next message boxes. */
    messageBoxResponse: 0,
    /** protocol.registerSchemesAsPrivileged, and whether it came before the app was ready. */
    privilegedSchemes: [] as Array<{ schemes: unknown[]; beforeReady: boolean }>,
    protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    ready: false,
    applicationMenu: null as unknown,
    exposed: new Map<string, unknown>(),
    /** The URL of the page the fake preload runs in (the sender frame of ipcRenderer.invoke). */
    rendererUrl: '',
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    headersReceived: null as Listener | null,
  };

  class BrowserWindow extends EventEmitter {
    static windows: BrowserWindow[] = [];
    static getAllWindows(): BrowserWindow[] {
      return BrowserWindow.windows.filter((window) => !window.closed);
    }
    readonly webContents = new FakeWebContents();
    closed = false;
    shown = false;
    minimized = false;
    focused = false;
    loaded: { url?: string; file?: string } = {};

    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.windows.push(this);
      settle('window');
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loaded = { url };
      this.webContents.url = url;
      return Promise.resolve();
    }
    loadFile(file: string): Promise<void> {
      this.loaded = { file };
      this.webContents.url = new URL(`file://${file}`).href;
      return Promise.resolve();
    }
    show(): void {
      this.shown = true;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
    }
    focus(): void {
      this.focused = true;
    }
  }

  const app = {
    on(name: string, listener: Listener) {
      appEvents.on(name, listener);
      return app;
    },
    emit: (name: string, ...args: unknown[]) => appEvents.emit(name, ...args),
    requestSingleInstanceLock: () => state.singleInstanceLock,
    whenReady: () => {
      state.ready = true;
      return Promise.resolve();
    },
    enableSandbox: () => {
      state.sandboxEnabled = true;
    },
    get isPackaged() {
      return state.isPackaged;
    },
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not supported`);
      return state.userData;
    },
    getAppPath: () => state.appPath,
    getVersion: () => '0.1.0',
    quit: () => {
      state.quitCalls += 1;
      settle('quit');
      onQuit();
    },
    exit: (code = 0) => {
      state.exitCodes.push(code);
      settle('quit');
    },
  };

  const ipcMain = {
    handle(channel: string, handler: InvokeHandler) {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      ipcHandlers.delete(channel);
    },
    /** Test helper: what Electron does when a frame at `frameUrl` invokes `channel`. */
    async invokeFrom(frameUrl: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
      return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl }, sender: {} }, ...args);
    },
    channels: () => [...ipcHandlers.keys()],
  };

  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => ipcMain.invokeFrom(state.rendererUrl, channel, ...args),
    on(channel: string, listener: Listener) {
      rendererEvents.on(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      rendererEvents.removeListener(channel, listener);
      return ipcRenderer;
    },
    /** Test helper: a message from main arriving on `channel`, with Electron's event object first. */
    deliver(channel: string, payload: unknown) {
      rendererEvents.emit(channel, { sender: ipcRenderer, senderId: 0 }, payload);
    },
    listenerCount: (channel: string) => rendererEvents.listenerCount(channel),
  };

  const session = {
    defaultSession: {
      setPermissionRequestHandler: (handler: Listener) => {
        state.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler: (handler: Listener) => {
        state.permissionCheckHandler = handler;
      },
      webRequest: {
        onHeadersReceived: (listener: Listener) => {
          state.headersReceived = listener;
        },
      },
    },
  };

  const module = {
    app,
    BrowserWindow,
    ipcMain,
    ipcRenderer,
    session,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.privilegedSchemes.push({ schemes, beforeReady: !state.ready });
      },
      handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
        if (!state.ready) throw new Error('protocol.handle before the app is ready');
        state.protocolHandlers.set(scheme, handler);
      },
    },
    shell: {
      openExternal: (url: string) => {
        state.externalUrls.push(url);
        return Promise.resolve();
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => {
        state.applicationMenu = menu;
      },
    },
    dialog: {
      showErrorBox: (title: string, content: string) => {
        state.errorBoxes.push({ title, content });
        settle('error');
      },
      showMessageBox: (...args: unknown[]) => {
        state.messageBoxes.push(args.at(-1));
        return Promise.resolve({ response: state.messageBoxResponse, checkboxChecked: false });
      },
    },
    nativeTheme: {
      get shouldUseDarkColors() {
        return state.darkTheme;
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        state.exposed.set(key, api);
      },
    },
    fake: state,
    started,
    quitCalled,
  };
  return { ...module, default: module };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
