// Token decoding and claim explanations. Browser-safe: the webview imports this module.
export { decodeToken, describeToken, MAX_TOKEN_TEXT } from './decode';
export { explainClaim, explainHeader, KNOWN_CLAIMS, KNOWN_HEADER_FIELDS, MSA_TENANT_ID, GRAPH_APP_ID, isGraphAudience, knownResourceName } from './claims';
export { relativeTime, duration, numericDate } from './time';
