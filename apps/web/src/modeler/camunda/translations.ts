import type { TranslatedExpression } from '#bpmn';

/** The JUEL of a deployed Camunda 7 model beside the FEEL it runs as, for the status line: "Flow_Big condition ${amount > 1000} runs as amount > 1000". */
export const describeTranslations = (translations: readonly TranslatedExpression[]): string =>
  translations.length === 0
    ? ''
    : ` ${translations.length} JUEL expression${translations.length === 1 ? '' : 's'} run as FEEL: ` +
      translations.map(({ elementId, field, juel, feel }) => `${elementId} ${field} ${juel} runs as ${feel}`).join('; ') +
      '.';
