import { useStudio } from '../store';

/** Browser host only: says when the WebSocket to the server is down and being retried. */
export function ConnectionBanner() {
  const connection = useStudio((s) => s.connection);
  const bridge = useStudio((s) => s.bridge);
  // 'connecting' is the first moment after load: not worth a banner.
  if (bridge !== 'websocket' || connection === 'open' || connection === 'connecting') return null;
  const text =
    connection === 'reconnecting'
        ? 'Lost the connection to the Studio server. Reconnecting… (is `npm run serve` still running?)'
        : 'Disconnected from the Studio server. Reload the page to reconnect.';
  return (
    <div className="banner banner-warn" role="status" data-testid="connection-banner">
      <span className="banner-icon" aria-hidden="true">⟳</span>
      <p className="banner-message">{text}</p>
    </div>
  );
}
