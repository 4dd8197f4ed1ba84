/** The part of bpmn-moddle's API we use (its own typings are not exported for the main entry). */
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    // Required by the BPMN schema on every flow element; may be absent on a few root elements.
    id: string;
    name?: string;
    $attrs?: Record<string, string>;
    $parent?: ModdleElement;
    $instanceOf?(type: string): boolean;
    // Moddle elements are dynamic: properties depend on $type. `unknown` here would need a typed
    // view of every element kind read in libs/bpmn, so the untyped package stays `any`.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- dynamic objects of an untyped package
    [property: string]: any;
  }

  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: ParseWarning[];
    elementsById: Record<string, ModdleElement>;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
  }
}
