import { fetchCsv } from '../api/analytics-api.js';

/** Fetches a report's CSV with the session's token and offers it as a file. */
export const downloadCsv = async (path: string, fileName: string): Promise<void> => {
  const url = URL.createObjectURL(new Blob([await fetchCsv(path)], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
};
