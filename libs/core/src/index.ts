export { DomainError, isDomainError } from './domain-error.js';
