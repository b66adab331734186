import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

/**
 * The sandboxed preload (built to out/preload/index.cjs): it may only require('electron'), so it
 * bundles nothing but the contract's names. The page gets `window.nnLab`, never ipcRenderer.
 */
contextBridge.exposeInMainWorld('nnLab', createBridge(ipcRenderer));
