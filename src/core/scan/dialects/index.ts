// The log dialects, in the order they read a line: the library formats first, then an app's own
// structured lines. A line may be recognised by more than one (Azure Identity for JavaScript wraps
// msal-node's lines in its own).
import { emptyEvent, type Dialect, type LineEvent } from './event';
import { readAzureCoreHttp } from './azure-core-http';
import { readAzureIdentity } from './azure-identity';
import { readBrowserConsole } from './browser-console';
import { readGeneric } from './generic';
import { readMsalDotnet } from './msal-dotnet';
import { readMsalJs } from './msal-js';
import { readMsalPython } from './msal-python';

export { authorityOfUrl, endpointOfUrl, type LineEvent } from './event';

const LIBRARY_DIALECTS: readonly Dialect[] = [readMsalPython, readMsalJs, readMsalDotnet, readAzureCoreHttp, readAzureIdentity, readBrowserConsole];

// One event, reset per line: the reader copies what it keeps, so no line leaves garbage behind.
const shared = emptyEvent();
const blank = emptyEvent();

/** Reads one line with every dialect; null when none recognised anything. The event is reused by the next call. */
export function readLine(text: string): LineEvent | null {
  const ev = Object.assign(shared, blank);
  let seen = false;
  for (const read of LIBRARY_DIALECTS) if (read(text, ev)) seen = true;
  if (ev.url === null && ev.status === null && readGeneric(text, ev)) seen = true;
  return seen ? ev : null;
}
