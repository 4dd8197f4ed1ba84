/** The part of dmn-moddle's API we use (the package ships no typings). */
declare module 'dmn-moddle' {
  export interface DmnElement {
    $type: string;
    // DMN makes ids optional on most elements; decisions need one to be called.
    id?: string;
    name?: string;
    label?: string;
    $parent?: DmnElement;
    // Moddle elements are dynamic: properties depend on $type. `unknown` here would need a typed
    // view of every element kind read in libs/bpmn, so the untyped package stays `any`.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- dynamic objects of an untyped package
    [property: string]: any;
  }

  export interface ParseWarning {
    message: string;
    element?: DmnElement;
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: DmnElement;
    warnings: ParseWarning[];
    elementsById: Record<string, DmnElement>;
  }

  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
}
