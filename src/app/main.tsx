import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { RenderErrorBoundary } from './RenderErrorBoundary.tsx';
import { prestartWorkers } from './simulationClient.ts';
import './styles.css';

performance.mark('spillway:main-start');

// Start the first run's simulation workers (see simulationClient) loading while React renders the page.
// Their threads only start once the main thread yields, so the render waits one task for them.
prestartWorkers(3);
setTimeout(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <RenderErrorBoundary area="Spillway">
        <App />
      </RenderErrorBoundary>
    </StrictMode>,
  );
}, 0);
