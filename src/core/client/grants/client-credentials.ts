// client_credentials with a client secret: the app signs in as itself.
import { askTokenEndpoint, grantForm, type Grant } from './context';

export const clientCredentials: Grant = async (context) => ({
  outcome: await askTokenEndpoint(context, () => grantForm(context, 'client_credentials')),
});
