/** The part of saxen (bpmn-moddle's XML parser) the analytics tests use to check that exported XES is well-formed. */
declare module 'saxen' {
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(event: 'openTag', handler: (name: string, attrs: () => Record<string, string>, decode: (text: string) => string, selfClosing: boolean) => void): this;
    on(event: 'closeTag', handler: (name: string, decode: (text: string) => string, selfClosing: boolean) => void): this;
    on(event: 'error' | 'warn', handler: (error: Error) => void): this;
    on(event: 'text', handler: (value: string, decode: (text: string) => string) => void): this;
    parse(xml: string): Error | undefined;
  }
}
