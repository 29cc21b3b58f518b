/** Renderer entry: connect to Ferry's API, then show the workspace. */
import { createRoot } from 'react-dom/client';
import { connectApi } from './api';
import { App } from './components/App';
import './styles.css';
import { errorMessage } from './lib/errors';

const root = createRoot(document.getElementById('root')!);

connectApi()
  .then(() => root.render(<App />))
  .catch((error: unknown) => {
    root.render(
      <div className="fatal" role="alert">
        <h1>Ferry could not start</h1>
        <p>{errorMessage(error)}</p>
      </div>,
    );
  });
