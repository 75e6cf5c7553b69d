// refresh_token: a refresh token redeemed for a new access token.
import { askTokenEndpoint, grantForm, spaHeaders, type Grant } from './context';

export const refreshToken: Grant = async (context) => ({
  outcome: await askTokenEndpoint(context, () => grantForm(context, 'refresh_token', { refresh_token: context.credentials.refreshToken ?? '' }), spaHeaders(context.settings)),
});
