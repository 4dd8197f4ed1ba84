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
    // Moddle elements are dynamic: properties depend on $type.
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
