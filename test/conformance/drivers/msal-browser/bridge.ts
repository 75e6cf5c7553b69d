// The redirect page of the msal-browser recordings: msal-browser 5 hands an authorization response
// (popup or hidden iframe) back to the app's window through this bridge.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

void broadcastResponseToMainFrame().catch((error: unknown) => console.error(String(error)));
