// The signature verification and the checks an API makes, shown in the Claims view when the host
// verified the decoded token (keys are fetched only with authLens.lookup.online on).
import type { VerificationView } from '../../protocol-tokens';
import { h, icon, section } from '../dom';
import { pill } from './common';

const STATUS = {
  valid: ['Signature valid', 'ok'],
  invalid: ['Signature invalid', 'error'],
  key_not_found: ['Signing key not found', 'error'],
  alg_not_allowed: ['Algorithm refused', 'error'],
  unverifiable: ['Signature not verified', 'neutral'],
} as const;

/** The header badge when the token was verified: the verification's outcome, not the decoder's guess. */
export function verificationPill(v: VerificationView): HTMLElement {
  const [label, tone] = STATUS[v.signature.status];
  return pill(label.toLowerCase().replace('signature ', 'signature: '), tone);
}

export function renderVerification(v: VerificationView): HTMLElement {
  const [label, tone] = STATUS[v.signature.status];
  const facts = [v.signature.alg ? `alg ${v.signature.alg}` : null, v.signature.kid ? `kid ${v.signature.kid}` : null, v.signature.keySource ? `keys from ${v.signature.keySource}` : null].filter(Boolean).join(' · ');
  return section(
    'Signature and the checks an API makes',
    'claims-signature',
    h('p', { className: 'signature-status' }, pill(label, tone), facts ? h('span', { className: 'hint', text: ` ${facts}` }) : null),
    h('p', { className: 'signature-reason', text: v.signature.reason }),
    v.online || v.signature.status !== 'unverifiable' ? null : h('p', { className: 'hint', text: 'Keys are fetched from the issuer only when online lookups are on (authLens.lookup.online).' }),
    h('ul', { className: 'findings' }, ...v.validation.map((c) => findingItem(c, 'not checked'))),
  );
}

/** One check as a list item: a mark that says passes / fails / `neutral` in words, the check's name and its detail. */
export function findingItem(f: { check: string; ok: boolean | null; detail: string }, neutral: string): HTMLElement {
  const [name, mark, tone] = f.ok === true ? ['pass', 'passes', 'ok'] : f.ok === false ? ['error', 'fails', 'error'] : ['info', neutral, 'neutral'];
  return h(
    'li',
    { className: `finding tone-${tone}`, dataset: { check: f.check } },
    h('span', { className: 'finding-mark', attrs: { 'aria-label': mark, title: mark } }, icon(name)),
    h('code', { className: 'finding-check', text: f.check }),
    h('span', { className: 'finding-detail', text: f.detail }),
  );
}
