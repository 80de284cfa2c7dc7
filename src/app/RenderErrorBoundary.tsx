import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface RenderErrorBoundaryProps {
  /** What failed, for the message: "The editor", "The results". */
  area: string;
  children: ReactNode;
  /** A new value (a new draft, new results) retries the children. */
  resetKey?: unknown;
  /** More ways back under the message (e.g. the draft as JSON to fix it). */
  extra?: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/**
 * Keeps one part of the page from taking the whole app down: a component that throws while
 * rendering is replaced by its error and a way back, and everything outside it (above all the
 * draft, which App holds) stays as it was.
 */
export class RenderErrorBoundary extends Component<RenderErrorBoundaryProps, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: RenderErrorBoundaryProps, state: State): Partial<State> | null {
    if (props.resetKey === state.resetKey) return null;
    return { resetKey: props.resetKey, error: null };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.area} failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="render-error" role="alert" data-testid="render-error">
        <p>
          <strong>{this.props.area} could not be shown</strong> because of an error in Spillway: {error.message || error.name}. Your scenario is kept as you left
          it (the address bar holds it too, so a reload opens it).
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
        {this.props.extra}
      </div>
    );
  }
}
