// The Auth Lens view in the activity bar: app registrations with their credential state and inline
// actions, recent failures (terminal, debug console, classify, scans, token requests) and recent
// tokens (claims summary only; the token is never kept). Part of the activation bundle, so it reads
// registrations raw (names, flows, ids) and leaves validation to the commands its actions run.
import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import type { Failure, TokenSummary } from './recent';
import type { Services } from './services';

export const VIEW_IDS = { registrations: 'authLens.registrations', failures: 'authLens.failures', tokens: 'authLens.tokens' } as const;

/** A registration row; commands run from its inline actions receive it and read `registrationName`. */
export interface RegistrationNode {
  registrationName: string;
  flow: string;
  clientId: string;
  authority: string;
}

const FLOW_LABELS: Record<string, string> = {
  client_credentials: 'client secret',
  client_certificate: 'certificate',
  device_code: 'device code',
  auth_code_pkce: 'browser sign-in',
};

/** The entries of the user-scope `authLens.appRegistrations` that have a name, as rows. */
export function registrationNodes(raw: unknown): RegistrationNode[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const e = entry as Record<string, unknown>;
    const name = typeof e['name'] === 'string' ? e['name'].trim() : '';
    if (!name) return [];
    const text = (key: string): string => (typeof e[key] === 'string' ? (e[key] as string) : '');
    return [{ registrationName: name, flow: text('flow'), clientId: text('clientId'), authority: text('authority') || `${text('cloud') || 'public'} / ${text('tenant') || 'organizations'}` }];
  });
}

/** What a registration still needs before Acquire Test Token… can run, or undefined when it has it. */
async function credentialState(services: Services, node: RegistrationNode): Promise<{ ready: boolean; text: string }> {
  if (node.flow === 'client_credentials') {
    return (await services.secrets.has('secret', node.registrationName)) ? { ready: true, text: 'secret stored' } : { ready: false, text: 'no secret yet' };
  }
  if (node.flow === 'client_certificate') {
    return (await services.secrets.has('certKey', node.registrationName)) ? { ready: true, text: 'certificate imported' } : { ready: false, text: 'no certificate yet' };
  }
  return { ready: true, text: 'signs in a user' };
}

class RegistrationsProvider implements vscode.TreeDataProvider<RegistrationNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly services: Services) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(element?: RegistrationNode): RegistrationNode[] {
    if (element) return [];
    return registrationNodes(vscode.workspace.getConfiguration('authLens').inspect<unknown>('appRegistrations')?.globalValue);
  }

  async getTreeItem(node: RegistrationNode): Promise<vscode.TreeItem> {
    const item = new vscode.TreeItem(node.registrationName, vscode.TreeItemCollapsibleState.None);
    let state = { ready: false, text: 'secret storage unavailable' };
    try {
      state = await credentialState(this.services, node);
    } catch (error) {
      this.services.log.warn(`Could not read secret storage for "${node.registrationName}": ${String(error)}`);
    }
    item.description = `${FLOW_LABELS[node.flow] ?? node.flow} · ${state.text}`;
    item.tooltip = new vscode.MarkdownString(
      [`**${escape(node.registrationName)}**`, `Flow: ${escape(FLOW_LABELS[node.flow] ?? node.flow)}`, `Client ID: \`${escape(node.clientId)}\``, `Authority: ${escape(node.authority)}`, `Credential: ${state.text}`].join('  \n'),
    );
    item.iconPath = new vscode.ThemeIcon(state.ready ? 'pass' : 'warning');
    // The menus pick inline actions by flow and by whether a credential is stored.
    item.contextValue = `registration:${node.flow}:${state.ready ? 'ready' : 'missing'}`;
    return item;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function ago(at: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

/** A flat tree over one of the recent lists (failures, tokens), drawn again when the list changes. */
class RecentListProvider<T> implements vscode.TreeDataProvider<T> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly source: { list(): T[]; onChange(listener: () => void): unknown },
    readonly getTreeItem: (entry: T) => vscode.TreeItem,
  ) {
    source.onChange(() => this.changed.fire());
  }

  getChildren(element?: T): T[] {
    return element ? [] : this.source.list();
  }
}

function failureItem(failure: Failure): vscode.TreeItem {
  const item = new vscode.TreeItem(failure.label, vscode.TreeItemCollapsibleState.None);
  item.description = `${failure.title} · ${failure.sources.join(', ')}${failure.count > 1 ? ` · ${failure.count}×` : ''}`;
  item.tooltip = `${failure.label}: ${failure.title}\nSeen in: ${failure.sources.join(', ')} (${failure.count}×, last ${ago(failure.lastSeen)})\nClick to explain.`;
  item.iconPath = new vscode.ThemeIcon('error');
  item.contextValue = 'failure';
  item.command = { command: COMMANDS.openInPanel.id, title: 'Explain', arguments: [failure.target] };
  return item;
}

function tokenItem(token: TokenSummary): vscode.TreeItem {
  const kind = token.tokenType === 'unknown' ? 'token' : `${token.tokenType} token`;
  const item = new vscode.TreeItem(`${kind}${token.audience ? ` · ${token.audience}` : ''}`, vscode.TreeItemCollapsibleState.None);
  const expires = token.expiresAt ? Date.parse(token.expiresAt) : Number.NaN;
  const expiry = Number.isFinite(expires) ? (expires > Date.now() ? `expires ${new Date(expires).toLocaleTimeString()}` : 'expired') : '';
  item.description = [token.origin, expiry].filter(Boolean).join(' · ');
  const permissions = [...token.scopes, ...token.roles].join(' ');
  item.tooltip = [
    `${kind}${token.version ? ` (${token.version})` : ''}, ${token.origin} ${ago(token.at)}`,
    token.audience ? `Audience: ${token.audience}` : '',
    token.appId ? `App (client) ID: ${token.appId}` : '',
    token.tenantId ? `Tenant: ${token.tenantId}` : '',
    permissions ? `${token.roles.length && !token.scopes.length ? 'Roles' : 'Scopes'}: ${permissions}` : '',
    token.expiresAt ? `Expires: ${token.expiresAt}` : '',
    'Only these claims are kept; the token itself is not.',
  ]
    .filter(Boolean)
    .join('\n');
  item.iconPath = new vscode.ThemeIcon('key');
  item.contextValue = 'token';
  return item;
}

export function registerAuthLensView(services: Services): vscode.Disposable[] {
  const registrations = new RegistrationsProvider(services);
  return [
    vscode.window.registerTreeDataProvider(VIEW_IDS.registrations, registrations),
    vscode.window.registerTreeDataProvider(VIEW_IDS.failures, new RecentListProvider(services.failures, failureItem)),
    vscode.window.registerTreeDataProvider(VIEW_IDS.tokens, new RecentListProvider(services.tokens, tokenItem)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('authLens.appRegistrations')) registrations.refresh();
    }),
    services.context.secrets.onDidChange(() => registrations.refresh()),
  ];
}
