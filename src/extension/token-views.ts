// The host side of the token views: signature verification for Decode Token (keys fetched only with
// authLens.lookup.online on), and the panel's Compare tokens and Token vs API forms. Tokens are
// remembered as transient secrets before anything is shown, so every redaction pass hides them.
import * as vscode from 'vscode';
import { diagnoseApiAnswer } from '../core/api/diagnose';
import { readExchange } from '../core/api/exchange';
import { compareTokens } from '../core/jwt/compare';
import { createHttpGetter } from '../core/jwt/key-fetch';
import { verifyToken } from '../core/jwt/verify';
import type { ShowMessage } from '../protocol';
import type { VerificationView } from '../protocol-tokens';
import type { Services } from './services';

/** Echoed API answers in the Token vs API view; a refusal is a few KB. */
const MAX_ANSWER_ECHO = 50_000;

function onlineLookups(): boolean {
  return vscode.workspace.getConfiguration('authLens').get<boolean>('lookup.online', false);
}

function bare(token: string): string {
  return token.trim().replace(/^(?:authorization\s*:\s*)?bearer\s+/i, '');
}

/** Verifies a decoded token for the Claims view: offline says why it cannot, online fetches the issuer's keys. */
export async function verifyForPanel(text: string): Promise<VerificationView> {
  const online = onlineLookups();
  const http = online ? createHttpGetter({ env: process.env }) : null;
  try {
    const v = await verifyToken(text, { online, getJson: http?.getJson });
    return { signature: v.signature, validation: v.validation, online };
  } finally {
    await http?.close();
  }
}

export function compareMessage(services: Services, a: string, b: string): ShowMessage {
  services.secrets.rememberTransient(bare(a));
  services.secrets.rememberTransient(bare(b));
  return { type: 'show', view: 'compare', comparison: compareTokens(a, b) };
}

export function tokenApiMessage(services: Services, text: string, token: string | undefined): ShowMessage {
  for (const sent of [token, readExchange(text).token]) if (sent) services.secrets.rememberTransient(bare(sent));
  const diagnosis = diagnoseApiAnswer(text, { token: token ?? null });
  const input = services.log.redact(text.length > MAX_ANSWER_ECHO ? `${text.slice(0, MAX_ANSWER_ECHO)}\n…` : text);
  services.log.info(`Token vs API: ${diagnosis.api.name}, ${diagnosis.problem}${diagnosis.tokenSource ? ` (token ${diagnosis.tokenSource === 'given' ? 'given' : 'from the request'})` : ''}`);
  return { type: 'show', view: 'tokenApi', diagnosis, input };
}
