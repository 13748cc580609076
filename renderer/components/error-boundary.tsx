import { Component, type ErrorInfo, type ReactNode } from 'react';

interface BoundaryState {
  readonly error: Error | null;
}

/**
 * Catches a rendering crash below it and shows what happened with a way back, so a bug in one
 * view is a message and never a blank window. (React offers boundaries only as classes.)
 */
export class ErrorBoundary extends Component<{ readonly label: string; readonly children: ReactNode; readonly onReset?: () => void }, BoundaryState> {
  public override state: BoundaryState = { error: null };

  public static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  public override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Auditlens: ${this.props.label} crashed`, error, info.componentStack);
  }

  public override render(): ReactNode {
    const { error } = this.state;
    if (!error) {
      return this.props.children;
    }
    return (
      <div className="crash" role="alert" data-testid="crash">
        <strong>{this.props.label} stopped working.</strong>
        <p className="crash-message">{error.message}</p>
        <p className="muted">The store was not changed.</p>
        <button
          type="button"
          onClick={() => {
            this.setState({ error: null });
            this.props.onReset?.();
          }}
        >
          Try again
        </button>
      </div>
    );
  }
}
