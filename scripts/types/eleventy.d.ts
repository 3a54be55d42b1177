// Eleventy 3 ships JavaScript without type declarations; these are the calls we make.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    init(): Promise<void>;
    watch(): Promise<void>;
    stopWatch(): Promise<void>;
    serve(port?: number): Promise<void>;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
  }
}
