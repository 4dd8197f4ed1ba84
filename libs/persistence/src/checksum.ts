import { createHash } from 'node:crypto';

/** The checksum a deployed document is recognized by: identical XML deploys as the existing version. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
