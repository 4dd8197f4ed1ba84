export * from './model.js';
export { startInstance } from './start-instance.js';
export { execute } from './execute.js';
