// Markdown rendering of the shared records for the hover, the report and the panel's copy action.
export * from './escape';
export * from './labels';
export * from './markdown';
export * from './hover';
export * from './report';
