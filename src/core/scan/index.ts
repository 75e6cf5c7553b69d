// Finding auth items in text: the incremental scanner and the hover lookup. File and stream reading
// lives in ./node (Node only).
export { createScanner, scanText } from './scanner';
export type { Scanner, ScanOptions } from './scanner';
export { findAtPosition } from './position';
export type { PositionItem } from './position';
