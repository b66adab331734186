import type { AppNotice } from '../../../src-core/contract/app-api';

/** What the banner says about a database notice: a plain headline with the file, and the service's own words. */
export function appNoticeText(notice: AppNotice): { headline: string; detail: string | null } {
  const headline =
    notice.kind === 'database-set-aside'
      ? `Your run database could not be read and was set aside as ${notice.file}; NN Lab started a new one.`
      : `The run database ${notice.file} is read-only: runs can be viewed but not saved.`;
  const detail = notice.message.trim();
  return { headline, detail: detail && detail !== headline ? detail : null };
}
