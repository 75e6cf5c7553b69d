// The token client, loaded only when Acquire Test Token… runs (undici and jose stay out of activation).
export * from '../../core/client/index';
