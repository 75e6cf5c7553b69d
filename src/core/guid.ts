// The one GUID pattern Auth Lens tests whole values against: tenant, client, object and correlation ids.
export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
