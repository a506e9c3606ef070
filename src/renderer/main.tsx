import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApp } from './actions/startApp';
import { startTheme } from './actions/theme';
import { pickBridge } from './api/bridge';
import { App } from './App';
import './styles.css';

// Wired once, outside React: events land in module-level actions, not in components.
startTheme(window);
startApp(pickBridge(window), window);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
