// The parts of camunda-external-task-client-js 3.1 (no typings of its own) the e2e tests use.
declare module 'camunda-external-task-client-js' {
  export interface TypedValue {
    value: unknown;
    type: string;
    valueInfo?: Record<string, unknown>;
  }
  export class Variables {
    constructor(initial?: Record<string, TypedValue>);
    get(name: string): unknown;
    getAll(): Record<string, unknown>;
    getAllTyped(): Record<string, TypedValue>;
    set(name: string, value: unknown): Variables;
    setTyped(name: string, typed: TypedValue): Variables;
  }
  export interface Task {
    id: string;
    businessKey: string | null;
    topicName: string;
    variables: Variables;
  }
  export interface TaskService {
    complete(task: Task, variables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: Task, options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number }): Promise<void>;
    handleBpmnError(task: Task, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
    unlock(task: Task): Promise<void>;
  }
  export type Interceptor = (config: Record<string, unknown>) => Record<string, unknown>;
  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    interceptors?: unknown;
    maxTasks?: number;
    interval?: number;
    lockDuration?: number;
    asyncResponseTimeout?: number;
    autoPoll?: boolean;
    usePriority?: boolean;
  }
  export class Client {
    constructor(options: ClientOptions);
    subscribe(topic: string, handler: (args: { task: Task; taskService: TaskService }) => Promise<void>): unknown;
    start(): void;
    stop(): void;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
}
