import { fetchCsv } from '../api/analytics-api.js';
import { downloadFile } from '../ui/download-file.js';

/** Fetches a report's CSV with the session's token and offers it as a file. */
export const downloadCsv = async (path: string, fileName: string): Promise<void> => downloadFile(await fetchCsv(path), 'text/csv', fileName);
