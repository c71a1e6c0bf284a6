import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApi } from '../shared/ipc/kiosk-api.js';

// The page gets named actions only (security.md 23): never ipcRenderer, a free channel or the
// event object. Each action resolves to the Result value main sent, nothing more.
contextBridge.exposeInMainWorld(
  'kiosk',
  createKioskApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
