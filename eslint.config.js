// ESLint 9 flat config: typescript-eslint's `recommended`, plus the layer rule from STYLE.md made
// checkable -- shared/ is pure TypeScript, renderer/ is the browser, electron/core/ is Node without
// Electron. Run with `npm run lint`.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Top-level names only (fs, path, crypto...); subpaths such as fs/promises and every node:* specifier
// are caught by the pattern below, so each import is reported once.
const nodeBuiltins = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))].filter((name) => !name.includes('/'));
const nodeBuiltinPaths = nodeBuiltins.map((name) => ({ name, message: 'Node built-ins belong in electron/ (Node-only layer).' }));
const nodeBuiltinSubpaths = {
  regex: `^(node:.*|(${nodeBuiltins.join('|')})/.*)$`,
  message: 'Node built-ins belong in electron/ (Node-only layer).',
};
const electronPackage = [
  { name: 'electron', message: 'Only the thin shell (electron/*.ts) may import electron.' },
];
// Build-tool configs in renderer/ (vite.config.mts) run in Node at build time, not in the page.
const rendererBuildConfigs = ['renderer/*.config.{js,mjs,cjs,ts,mts,cts}'];
const electronSubpaths = { regex: '^electron/', message: 'Only the thin shell (electron/*.ts) may import electron.' };

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', '.electron-native/', 'coverage/', '.kiosk-data/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['renderer/**'],
    ignores: rendererBuildConfigs,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // shared/ runs in main, preload and renderer alike: no Node, no Electron, no DOM libraries.
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltinPaths,
            ...electronPackage,
            ...['react', 'react-dom', 'zustand', 'better-sqlite3', 'argon2', 'nodemailer'].map((name) => ({
              name,
              message: 'shared/ is pure TypeScript: this package belongs to one side only.',
            })),
          ],
          patterns: [
            nodeBuiltinSubpaths,
            electronSubpaths,
            { regex: '^(react|react-dom)/', message: 'shared/ is pure TypeScript: React belongs in renderer/.' },
            { regex: '^(\\.\\./)+(electron|renderer)(/|$)', message: 'shared/ may not depend on electron/ or renderer/.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer is a sandboxed web page: it reaches main only through window.kiosk.
    files: ['renderer/**'],
    ignores: rendererBuildConfigs,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltinPaths, ...electronPackage],
          patterns: [
            nodeBuiltinSubpaths,
            electronSubpaths,
            { regex: '^(\\.\\./)+electron(/|$)', message: 'renderer/ may not import from electron/; use window.kiosk.' },
          ],
        },
      ],
    },
  },
  {
    // The core is tested under plain Node, so it may never need the Electron binary.
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: electronPackage, patterns: [electronSubpaths] }],
      // Logs in main can end up in support tickets: core code logs through warn/error on purpose only.
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
);
