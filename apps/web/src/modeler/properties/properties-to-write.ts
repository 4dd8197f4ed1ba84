/**
 * The attributes one change writes. An empty value removes the attribute, so the XML carries only
 * what the designer set; a step made VA loses its waste type, which only describes non-value-added work.
 */
export const propertiesToWrite = (property: string, value: string, current: { wasteType?: string }): Record<string, string | undefined> => {
  const written = { [property]: value.trim() === '' ? undefined : value };
  return property === 'valueClass' && value === 'VA' && current.wasteType !== undefined ? { ...written, wasteType: undefined } : written;
};
