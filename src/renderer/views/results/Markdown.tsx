import { useMemo } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * Markdown the app wrote (search findings, model cards) as HTML: parsed by marked, then sanitized
 * by DOMPurify (no scripts, handlers or foreign elements), so even a column name with HTML in it
 * renders as text and the strict CSP has nothing to refuse.
 */
export function Markdown({ source, testId }: { source: string; testId?: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true }), { USE_PROFILES: { html: true } }), [source]);
  return <div className="markdown" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
