import { useStudio } from '../store';

/**
 * Errors from any call, readable, each with a dismiss; the rest of the window keeps working.
 * What start-up has to say (interrupted runs, a restored database) is a warning, not an error.
 */
export function ErrorBanner() {
  const notices = useStudio((s) => s.notices);
  const dismiss = useStudio((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="banner-stack" data-testid="error-banner" role="alert">
      {notices.map((n) => (
        <div key={n.id} className={`banner ${n.code === 'STARTUP' ? 'banner-warn' : 'banner-error'}`} data-code={n.code}>
          <span className="banner-icon" aria-hidden="true">!</span>
          <p className="banner-message">
            {n.message}
            {n.count > 1 && <span className="banner-count"> ×{n.count}</span>}
          </p>
          {n.action && (
            <button
              type="button"
              className="btn btn-primary btn-sm"
              data-testid="error-action"
              onClick={() => {
                dismiss(n.id);
                n.action?.run();
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" className="btn btn-ghost btn-sm" data-testid="error-dismiss" onClick={() => dismiss(n.id)} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
