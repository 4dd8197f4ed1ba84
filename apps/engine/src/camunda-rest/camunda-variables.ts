import { DomainError } from '#core';
import { CAMUNDA_REST_ERRORS } from './camunda-rest-errors.js';

/** A Camunda 7 typed value, as its REST API reads and writes variables. */
export interface TypedValue {
  value: unknown;
  type: string;
  valueInfo: Record<string, unknown>;
}

export type TypedVariables = Record<string, TypedValue>;

export const invalidRequest = (message: string): DomainError => new DomainError(CAMUNDA_REST_ERRORS.invalidRequest, message);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** The value a Camunda type names, or a refusal naming the field (the value must be of the type, as Camunda checks it). */
const plainValueOf = (field: string, type: string, value: unknown, valueInfo: unknown): unknown => {
  const wrongType = () => invalidRequest(`${field}: cannot convert value '${String(JSON.stringify(value))}' of type '${type}'`);
  if (value === null || value === undefined) return null;
  switch (type.toLowerCase()) {
    case 'null':
      return null;
    case 'string':
      if (typeof value !== 'string') throw wrongType();
      return value;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw wrongType();
    case 'integer':
    case 'short':
    case 'long': {
      const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw wrongType();
      if (type.toLowerCase() !== 'long' && (number < INT_MIN || number > INT_MAX)) throw wrongType();
      return number;
    }
    case 'double': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw wrongType();
      return number;
    }
    case 'date':
      // Camunda writes "2026-01-05T09:00:00.000+0000"; Tandem keeps dates as ISO 8601 strings.
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')))) throw wrongType();
      return new Date(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))).toISOString();
    case 'json':
      return parseJson(field, value, wrongType);
    case 'object': {
      const format = isRecord(valueInfo) ? valueInfo.serializationDataFormat : undefined;
      if (format !== 'application/json') {
        throw invalidRequest(
          `${field}: an Object variable must be serialized as application/json (valueInfo.serializationDataFormat); Java serialization does not exist in Tandem`,
        );
      }
      return parseJson(field, value, wrongType);
    }
    default:
      throw invalidRequest(`${field}: the variable type '${type}' is not supported (String, Boolean, Integer, Short, Long, Double, Date, Json, Object as application/json, Null)`);
  }
};

const parseJson = (field: string, value: unknown, wrongType: () => DomainError): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw wrongType();
  }
};

/**
 * Camunda's typed variables (`{name: {value, type, valueInfo}}`) as Tandem's plain JSON variables;
 * a type name is read in any case (the JS client writes them lower-case). `field` names the body's
 * field in a refusal.
 */
export const plainVariablesOf = (field: string, typed: unknown): Record<string, unknown> | undefined => {
  if (typed === undefined || typed === null) return undefined;
  if (!isRecord(typed)) throw invalidRequest(`${field} must be an object of typed values {"name": {"value": ..., "type": "String"}}`);
  const plain: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(typed)) {
    const entryField = `${field}.${name}`;
    if (!isRecord(entry)) throw invalidRequest(`${entryField} must be a typed value {"value": ..., "type": ...}`);
    const type = entry.type ?? inferredType(entry.value);
    if (typeof type !== 'string') throw invalidRequest(`${entryField}.type must be a string`);
    plain[name] = plainValueOf(entryField, type, entry.value, entry.valueInfo);
  }
  return plain;
};

/** The type Camunda guesses for an untyped value. */
const inferredType = (value: unknown): string => {
  if (value === null || value === undefined) return 'Null';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? (value >= INT_MIN && value <= INT_MAX ? 'Integer' : 'Long') : 'Double';
  if (typeof value === 'string') return 'String';
  return 'Json';
};

/** One plain value as Camunda's typed value: objects and arrays as Json (serialized, as Camunda sends Json). */
export const typedValueOf = (value: unknown): TypedValue => {
  const type = inferredType(value);
  return { value: type === 'Json' ? JSON.stringify(value) : (value ?? null), type, valueInfo: {} };
};

/** Tandem's variables as Camunda's typed ones, only those named when `names` is given. */
export const typedVariablesOf = (variables: Record<string, unknown>, names?: readonly string[]): TypedVariables => {
  const typed: TypedVariables = {};
  for (const [name, value] of Object.entries(variables)) {
    if (names === undefined || names.includes(name)) typed[name] = typedValueOf(value);
  }
  return typed;
};
