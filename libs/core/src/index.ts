export { DomainError, type ErrorCodeOf, isDomainError } from './domain-error.js';
