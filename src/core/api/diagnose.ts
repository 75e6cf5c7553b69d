// "Why did the API say no?" Takes an API's 401/403 answer (Microsoft Graph, Azure Resource Manager,
// Key Vault, Storage, or your own API's WWW-Authenticate) and, when available, the token that was sent
// (the pasted request's Authorization header, or given separately), and names the one problem that
// explains the refusal with the steps that fix it. The problems and their advice are data
// (./advice.json); this file only decides which applies and fills in the values. Never throws;
// browser-safe; nothing of the token but its claims reaches the result.
import { classify } from '../classify/index';
import { decodeToken, describeToken } from '../jwt/decode';
import { redactSecrets } from '../redact';
import type { Classification, CatalogEntry, DecodedToken, FixStep } from '../types';
import { readExchange } from './exchange';
import { tokenFindings, type TokenFinding } from './findings';
import type { ApiData, ApiId, Placeholder, ProblemData, ProblemId } from './schema';
import { ADVICE, readAnswer, type AnswerSignals } from './signals';

export type { TokenFinding } from './findings';
export type { ApiId, ProblemId } from './schema';

export interface ApiDiagnosis {
  api: { id: ApiId; name: string; host: string | null; scope: string | null; recognisedBy: AnswerSignals['apiVia'] };
  httpStatus: number | null;
  /** The API's own error code, or the challenge's error (invalid_token, insufficient_claims). */
  errorCode: string | null;
  problem: ProblemId;
  title: string;
  summary: string;
  steps: FixStep[];
  /** Where the token came from; null when Auth Lens had none. */
  tokenSource: 'request' | 'given' | null;
  /** One line on the token (type, version, caller, audience); never the token itself. */
  token: string | null;
  tokenFindings: TokenFinding[];
  /** The classifier's reading of the answer alone. */
  classification: Classification;
}

export interface DiagnoseOptions {
  /** The token that was sent, when the pasted text does not carry it (a "Bearer " prefix is fine). */
  token?: string | null;
  now?: Date;
}

function entryKeys(e: CatalogEntry): string[] {
  return [`${e.vocabulary}:${e.code}`, `${e.vocabulary}:${e.code}:${e.name ?? ''}`];
}

/** The problem the answer names by its error code (catalog entry) or a fixed phrase of its message. */
function problemFromAnswer(s: AnswerSignals): ProblemData | null {
  const known = s.facts.known;
  if (known) {
    const keys = entryKeys(known);
    const byEntry = ADVICE.problems.find((p) => p.entries.some((k) => keys.includes(k)));
    if (byEntry) return byEntry;
  }
  if (s.facts.claims !== null || s.facts.challengeError === 'insufficient_claims') return problem('claims_challenge');
  return ADVICE.problems.find((p) => p.fragments.some((f) => s.lower.includes(f))) ?? null;
}

function problem(id: ProblemId): ProblemData {
  return ADVICE.problems.find((p) => p.id === id)!;
}

/** The failed token check that explains a refusal, most decisive first. */
const FINDING_PROBLEMS: [string, ProblemId][] = [
  ['token_type', 'not_access_token'],
  ['signature', 'graph_token_elsewhere'],
  ['aud', 'wrong_audience'],
  ['exp', 'expired'],
  ['nbf', 'not_yet_valid'],
  ['issuer_form', 'issuer_version'],
  ['iss', 'wrong_tenant'],
  ['tid', 'wrong_tenant'],
];

/** Answers that say nothing about the token itself: the token's checks do not override them. */
const NOT_ABOUT_THE_TOKEN: ProblemId[] = ['network_rule', 'access_policy_missing', 'rbac_role_missing'];

function choose(s: AnswerSignals, fromAnswer: ProblemData | null, d: DecodedToken | null, findings: TokenFinding[], requestWithoutToken: boolean): ProblemData {
  if (!d) {
    if (requestWithoutToken) return problem('no_token');
    if (fromAnswer?.id === 'permission_missing' && s.facts.appOnly) return problem('app_role_missing');
    if (fromAnswer) return fromAnswer;
    return problem(s.facts.httpStatus === 403 && s.facts.challengeError === 'insufficient_scope' ? 'permission_missing' : 'unrecognised');
  }
  if (fromAnswer?.id === 'claims_challenge') return fromAnswer;
  if (fromAnswer && NOT_ABOUT_THE_TOKEN.includes(fromAnswer.id)) return fromAnswer;
  // A 403 means the API validated the token: a check that fails now (an expiry passed since) did not cause it.
  const validated = s.facts.httpStatus === 403;
  for (const [check, id] of validated ? FINDING_PROBLEMS.filter(([c]) => c === 'token_type' || c === 'signature') : FINDING_PROBLEMS) {
    if (findings.some((f) => f.check === check && f.ok === false)) return problem(id);
  }
  const permissionRefused = fromAnswer?.id === 'permission_missing' || (fromAnswer === null && s.facts.httpStatus === 403) || findings.some((f) => f.check === 'permissions' && f.ok === false);
  if (permissionRefused && d.appOnly !== null && !(fromAnswer && fromAnswer.id !== 'permission_missing')) return problem(d.appOnly ? 'app_role_missing' : 'scope_missing');
  return fromAnswer ?? problem('unrecognised');
}

// ---------------------------------------------------------------------------------------------
// Filling in the sentences

type Values = Record<Placeholder, string>;

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? v.split(' ').filter(Boolean) : [];
}

/** The part of the API and the kind of access the refused call needed, to name the right built-in role. */
function roleNeed(s: AnswerSignals, method: string | null, url: string | null, host: string | null): { area: string; access: 'read' | 'write' } {
  const action = (s.action ?? '').toLowerCase();
  const path = (url ?? '').toLowerCase();
  let area = 'any';
  for (const a of ['secrets', 'keys', 'certificates']) if (action.includes(`/${a}/`) || action.startsWith(`${a} `) || path.includes(`/${a}/`) || path.endsWith(`/${a}`)) area = a;
  const service = /^[^.]+\.(blob|dfs|queue|table|file)\./.exec(host ?? '')?.[1];
  if (service) area = service === 'dfs' ? 'blob' : service;
  let access: 'read' | 'write' = 'read';
  if (action) access = /\/(get|list|read|decrypt|encrypt|sign|verify|wrapkey|unwrapkey)[a-z]*(?:\/action)?$|^(?:secrets|keys|certificates) (?:get|list)$/.test(action) ? 'read' : 'write';
  else if (method) access = /^(GET|HEAD|OPTIONS)$/.test(method) ? 'read' : 'write';
  return { area, access };
}

function roleNames(api: ApiData, need: { area: string; access: 'read' | 'write' }): string {
  const inArea = api.roles.filter((r) => r.area === need.area);
  if (inArea.length === 0) {
    // The call's area is unknown: name each area's role for this kind of access, and say to pick one.
    const specific = api.roles.filter((r) => r.area !== 'any' && r.access === need.access).map((r) => r.name);
    if (specific.length) return `${specific.join(', ')} (the one for the kind of data the call touches)`;
  }
  const pool = inArea.length ? inArea : api.roles.filter((r) => r.area === 'any');
  const first = pool.filter((r) => r.access === need.access).map((r) => r.name);
  const other = pool.filter((r) => r.access !== need.access).map((r) => r.name);
  if (!first.length && !other.length) return 'a role that includes the action (a built-in role or a custom one)';
  const main = (first.length ? first : other).join(' or ');
  const also = first.length && other.length && need.access === 'read' ? ` (${other.join(' or ')} to change data too)` : '';
  return `${main}${also}`;
}

function when(date: unknown, now: Date): string | null {
  if (typeof date !== 'number' || !Number.isFinite(date)) return null;
  const d = new Date(date * 1000);
  const minutes = Math.round((d.getTime() - now.getTime()) / 60000);
  const n = Math.abs(minutes);
  const span = `${n} minute${n === 1 ? '' : 's'}`;
  const rel = minutes === 0 ? 'just now' : minutes < 0 ? `${span} ago` : `in ${span}`;
  return `at ${d.toISOString()} (${rel})`;
}

function values(s: AnswerSignals, d: DecodedToken | null, ex: { method: string | null; url: string | null; host: string | null }, now: Date): Values {
  const p = (d?.payload ?? {}) as Record<string, unknown>;
  const api = s.api;
  const customScope = (() => {
    const aud = s.expectedAudience ?? (api.id === 'custom' ? str(p.aud) : null);
    if (!aud) return "your API's scope (<App ID URI>/.default, e.g. api://<API client id>/.default)";
    return `${/^[0-9a-f-]{36}$/i.test(aud) ? `api://${aud}` : aud.replace(/\/+$/, '')}/.default`;
  })();
  const scp = list(p.scp);
  const roles = list(p.roles);
  const tid = str(p.tid);
  const need = roleNeed(s, ex.method, ex.url, ex.host);
  return {
    api: api.name,
    scope: s.scope ?? customScope,
    aud: (Array.isArray(p.aud) ? list(p.aud).join(', ') : str(p.aud)) ?? s.refusedAudience ?? 'another resource',
    expected: api.id === 'custom' ? (s.expectedAudience ?? 'its own App ID URI or client ID') : api.audiences.filter((a) => !a.endsWith('/') || !api.audiences.includes(a.slice(0, -1))).join(' or '),
    tenant: s.tenant ?? '<resource tenant id>',
    tokenTenant: tid ?? (s.issuer ? /\/([0-9a-f-]{36})/i.exec(s.issuer)?.[1] : null) ?? 'another tenant',
    roles: roleNames(api, need),
    resourceScope: s.resourceScope ?? (ex.url ? ex.url.replace(/\?.*$/, '') : 'the resource'),
    principal: s.principal ?? str(p.oid) ?? 'the calling identity',
    action: s.action ?? (ex.method ? `${need.access === 'read' ? 'reading' : 'changing'} data (${ex.method})` : 'this call'),
    permission: s.permission ? ` (${s.permission})` : '',
    scp: scp.length ? scp.join(' ') : 'none',
    roleClaims: roles.length ? roles.join(', ') : 'none',
    exp: when(p.exp, now) ?? (s.expiredAt ? `at ${s.expiredAt}` : 'before it was used'),
    nbf: when(p.nbf, now) ?? 'in the future',
    client: str(p.appid) ?? str(p.azp) ?? 'your app',
    code: s.innerCode ?? s.facts.resourceCode ?? s.facts.challengeError ?? s.facts.error ?? (s.facts.httpStatus !== null ? `HTTP ${s.facts.httpStatus}` : 'no error code'),
    issuer: str(p.iss) ?? s.issuer ?? 'of the other form',
    validIssuer: s.validIssuer ?? 'the version it was built for',
  };
}

/** The template with its values; a sentence that starts with a value ("your API …") starts with a capital. */
function fill(template: string, v: Values): string {
  const text = template.replace(/\{([A-Za-z]+)\}/g, (m, name: string) => (name in v ? v[name as Placeholder] : m));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function stepsFor(p: ProblemData, api: ApiId, d: DecodedToken | null, v: Values): FixStep[] {
  return p.steps
    .filter((step) => !step.apis || step.apis.includes(api))
    .filter((step) => step.token === undefined || step.token === (d !== null))
    .filter((step) => !step.caller || !d || d.appOnly === null || step.caller === (d.appOnly ? 'app' : 'user'))
    .map((step) => ({ text: redactSecrets(fill(step.text, v)), who: step.who }));
}

/** Diagnoses an API's refusal. Never throws. */
export function diagnoseApiAnswer(text: string, options: DiagnoseOptions = {}): ApiDiagnosis {
  const now = options.now && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
  const input = typeof text === 'string' ? text : '';
  const ex = readExchange(input);
  const given = typeof options.token === 'string' && options.token.trim() ? options.token.trim() : null;
  const tokenText = given ?? ex.token;
  const decoded = tokenText ? decodeToken(tokenText, now) : null;
  const s = readAnswer(ex.response, ex.host, now);
  const fromAnswer = problemFromAnswer(s);
  const hint = fromAnswer?.id === 'claims_challenge' ? 'claims' : fromAnswer && ['rbac_role_missing', 'access_policy_missing'].includes(fromAnswer.id) ? 'rbac' : null;
  const findings = decoded ? tokenFindings(decoded, s, now, hint).map((f) => ({ ...f, detail: redactSecrets(f.detail) })) : [];
  const chosen = choose(s, fromAnswer, decoded, findings, ex.requestWithoutToken && !given);
  const v = values(s, decoded, ex, now);
  const classification = classify(ex.response.trim() ? ex.response : input, now);
  return {
    api: { id: s.api.id, name: s.api.name, host: ex.host, scope: s.scope, recognisedBy: s.apiVia },
    httpStatus: s.facts.httpStatus ?? classification.httpStatus,
    errorCode: v.code === 'no error code' || v.code.startsWith('HTTP ') ? null : v.code,
    problem: chosen.id,
    title: chosen.title,
    summary: redactSecrets(fill(chosen.summary, v)),
    steps: stepsFor(chosen, s.api.id, decoded, v),
    tokenSource: decoded ? (given ? 'given' : 'request') : null,
    token: decoded ? redactSecrets(describeToken(decoded)) : null,
    tokenFindings: findings,
    classification,
  };
}
