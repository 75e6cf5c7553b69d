// msal-browser 5 logs each message as a six-character code plus the message's variables; the package
// ships the table from code to text (lib/log-strings-mapping.json in @azure/msal-browser and in
// @azure/msal-common's browser build). These are the codes that say what happened to a token request,
// from msal-browser 5.30.0 / msal-common 16.17.0, as recorded in Chromium (test/fixtures/logs/msal-browser).
import { minifiedCode } from '../../catalog/msal-log-strings';
import type { LineEvent } from './event';

type Read = (ev: LineEvent) => void;

const silent: Read = (ev) => {
  ev.silent = true;
};
const interactive: Read = (ev) => {
  ev.interactive = true;
};

const CODES: ReadonlyMap<string, Read> = new Map<string, Read>([
  ['0x1c4s', silent], // acquireTokenSilent called
  ['0w1b45', silent], // ssoSilent called
  ['06eh73', interactive], // Initiating new acquireTokenByCode request
  ['0ch87b', interactive], // acquireTokenPopup called
  ['0os66p', interactive], // acquireTokenRedirect called
  ['0qw7v5', interactive], // loginPopup called
  ['0lz9hf', interactive], // loginRedirect called
  // Auth code client created: the code's redemption at the token endpoint comes next.
  ['1uic5e', (ev) => void (ev.tokenGrant = 'authorization_code')],
  // CacheManager:getRefreshToken - returning refresh token: its redemption comes next, unless msal-browser's
  // throttling cache holds the request back (then nothing more is logged for it).
  ['0wcnep', (ev) => void (ev.tokenGrant = 'refresh_token')],
  // acquireTokenWithRefreshToken: bad refresh token, removing from cache (logged for invalid_grant with suberror bad_token).
  [
    '1pg3ap',
    (ev) => {
      ev.error = 'invalid_grant';
      ev.suberror = 'bad_token';
    },
  ],
  // setCachedAccount called: the token answer was stored, so the request before it succeeded.
  ['09jz0t', (ev) => void (ev.stored = true)],
]);

/** Reads a minified msal-browser message (`0wcnep`, `09ingz 1`); false when the code says nothing about requests. */
export function readMsalBrowserCode(message: string, ev: LineEvent): boolean {
  const code = minifiedCode(message);
  const read = code === undefined ? undefined : CODES.get(code);
  if (!read) return false;
  read(ev);
  return true;
}
