// The Claims view: a decoded token's header and payload with what each claim means here, a live expiry
// countdown, warnings and the signature status. Only the redacted token text is ever on screen.
import type { ShowMessage } from '../../protocol';
import type { ClaimExplanation, DecodedToken } from '../../core/types';
import { emptyState, facts, h, icon, section, table } from '../dom';
import { pill, yesNo, type ViewContext } from './common';
import { renderVerification, verificationPill } from './verification';

type ClaimsMessage = Extract<ShowMessage, { view: 'claims' }>;

export function renderClaimsEmpty(): HTMLElement {
  return emptyState('No token decoded yet. Select a token (or a line containing one) and run "Auth Lens: Decode Token".');
}

/** "54:12", "1 h 03:20", "2 d 4 h". */
export function formatCountdown(totalSeconds: number): string {
  const s = Math.abs(Math.trunc(totalSeconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  const seconds = s % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${pad(minutes)}:${pad(seconds)}`;
  return `${pad(minutes)}:${pad(seconds)}`;
}

let ticking: number | undefined;

/** The moment the token expires, in ms since the epoch, or null. */
function expiryTime(token: DecodedToken, receivedAt: number): number | null {
  if (token.expiresAt) {
    const parsed = Date.parse(token.expiresAt);
    if (Number.isFinite(parsed)) return parsed;
  }
  return token.expiresInSeconds !== null ? receivedAt + token.expiresInSeconds * 1000 : null;
}

function countdown(token: DecodedToken): HTMLElement | null {
  const expiry = expiryTime(token, Date.now());
  if (expiry === null) return null;
  const text = h('span', { className: 'countdown-text' });
  // role=timer is not announced on every tick (aria-live off by default for timers); the full sentence is.
  const box = h('p', { className: 'countdown', attrs: { role: 'timer', 'aria-atomic': 'true' } }, icon('clock'), ' ', text);
  const update = (): void => {
    const left = (expiry - Date.now()) / 1000;
    box.classList.toggle('expired', left <= 0);
    box.classList.toggle('expiring', left > 0 && left < 300);
    text.textContent = left > 0 ? `Expires in ${formatCountdown(left)}` : `Expired ${formatCountdown(left)} ago`;
  };
  update();
  window.clearInterval(ticking);
  ticking = window.setInterval(() => {
    if (!box.isConnected) {
      window.clearInterval(ticking);
      return;
    }
    update();
  }, 1000);
  return box;
}

function claimRows(claims: ClaimExplanation[]): HTMLTableRowElement[] {
  return claims.map((claim) => {
    const meaning = h('td', {}, h('span', { text: claim.explanation }));
    if (claim.time) meaning.append(h('div', { className: 'claim-time', text: `${claim.time.iso} (${claim.time.relative})` }));
    const tr = h('tr', { className: claim.unknown ? 'unknown-claim' : undefined });
    tr.append(h('th', { attrs: { scope: 'row' } }, h('code', { text: claim.name })), h('td', {}, h('code', { className: 'claim-value', text: claim.value })), meaning);
    return tr;
  });
}

const SIGNATURE_TONE = { verified: 'ok', unverified: 'neutral', graph_nonce: 'wait', unsigned: 'error', invalid: 'error' } as const;

export function renderClaims(_ctx: ViewContext, message: ClaimsMessage): HTMLElement {
  const t = message.token;
  const kindLabel = t.kind === 'jwt' ? 'JWT' : t.kind === 'jwe' ? 'Encrypted token (JWE)' : t.kind === 'opaque' ? 'Opaque token' : 'Not a token';
  const header = h(
    'header',
    { className: 'view-header' },
    h('h2', { text: t.tokenType === 'unknown' ? kindLabel : `${t.tokenType === 'access' ? 'Access' : 'ID'} token${t.version ? ` (${t.version})` : ''}` }),
    h(
      'div',
      { className: 'badges' },
      pill(kindLabel, t.kind === 'jwt' ? 'ok' : 'error'),
      t.appOnly === null ? null : pill(t.appOnly ? 'app-only' : 'delegated (user present)', 'action'),
      message.verification ? verificationPill(message.verification) : pill(`signature: ${t.signature.status.replace('_', ' ')}`, SIGNATURE_TONE[t.signature.status]),
    ),
  );
  const body = h('div', { className: 'view-body' });
  if (t.problem) body.append(h('p', { className: 'problem', attrs: { role: 'note' } }, icon('error'), ' ', t.problem));
  const timer = countdown(t);
  if (timer) body.append(timer);
  body.append(
    facts([
      ['Audience', t.audience ? h('code', { text: t.audience }) : null],
      ['App (client) ID', t.appId ? h('code', { text: t.appId }) : null],
      ['Tenant', t.tenantId ? h('code', { text: t.tenantId }) : null],
      ['Scopes', t.scopes.length ? t.scopes.join(' ') : null],
      ['Roles', t.roles.length ? t.roles.join(' ') : null],
      ['Issued', t.issuedAt],
      ['Expires', t.expiresAt],
      ['App-only', t.appOnly === null ? null : yesNo(t.appOnly)],
      ['Had "Bearer " prefix', t.hadBearerPrefix ? 'yes (removed before decoding)' : null],
    ]),
  );
  if (t.warnings.length) {
    body.append(
      section(
        'Warnings',
        'claims-warnings',
        h('ul', { className: 'warnings' }, ...t.warnings.map((w) => h('li', {}, icon('warning'), ' ', h('span', { text: w })))),
      ),
    );
  }
  body.append(message.verification ? renderVerification(message.verification) : section('Signature', 'claims-signature', h('p', { text: t.signature.note })));
  if (t.headerClaims.length) body.append(table('Header', ['Claim', 'Value', 'Meaning'], claimRows(t.headerClaims), 'data claims-table header-claims'));
  if (t.claims.length) body.append(table('Payload', ['Claim', 'Value', 'Meaning'], claimRows(t.claims), 'data claims-table payload-claims'));
  body.append(
    section(
      'Token (signature removed)',
      'claims-redacted',
      t.redacted
        ? h('pre', { className: 'redacted', attrs: { tabindex: 0, 'aria-label': 'Redacted token' } }, h('code', { text: t.redacted }))
        : h('p', { className: 'hint', text: 'The token text is not kept when the panel is reloaded. Decode it again to see it.' }),
    ),
  );
  return h('article', { className: 'view claims-view', attrs: { 'aria-label': 'Decoded token claims' } }, header, body);
}
