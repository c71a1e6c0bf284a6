export declare const defaultOutDir: string;
export declare const mainExternals: string[];
export declare function buildElectron(options?: {
  outDir?: string;
  only?: Array<'main' | 'preload'>;
  logLevel?: 'silent' | 'error' | 'warning' | 'info';
}): Promise<void>;
