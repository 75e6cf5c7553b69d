// Building DOM without markup strings. Every piece of data reaches the page as a Text node or an
// attribute value set through the DOM, so a "<script>" or "javascript:" inside a log line or a claim
// stays inert text. Event handler attributes and URL-bearing attributes are refused outright: links
// go through the host's `openExternal`, never through an href.

type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  dataset?: Record<string, string>;
}

const FORBIDDEN_ATTRIBUTE = /^(on|href$|src$|srcdoc$|action$|formaction$|xlink:href$|style$)/i;

function setAttributes(el: Element, attrs: ElementOptions['attrs']): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`dom: attribute "${name}" is not allowed`);
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
}

/** An HTML element with text content and children; strings become Text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (options.className) el.className = options.className;
  setAttributes(el, options.attrs);
  if (options.dataset) Object.assign(el.dataset, options.dataset);
  if (options.text !== undefined) el.textContent = options.text;
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; geometry and classes only, text via `text`. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

/** A codicon glyph, hidden from screen readers (the surrounding text carries the meaning). */
export function icon(name: string): HTMLSpanElement {
  return h('span', { className: `codicon codicon-${name.replace(/[^a-z0-9-]/g, '')}`, attrs: { 'aria-hidden': 'true' } });
}

/** Replaces all children of an element. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Makes an element act like a button for mouse and keyboard (Enter and Space). */
export function onActivate(el: HTMLElement, action: () => void): void {
  el.addEventListener('click', (event) => {
    event.stopPropagation();
    action();
  });
  // Native buttons already turn Enter and Space into a click.
  if (el instanceof HTMLButtonElement) return;
  el.addEventListener('keydown', (event) => {
    if (event.target !== el) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      action();
    }
  });
}

/** A section with a heading, labelled for screen readers. */
export function section(title: string, id: string, ...children: Child[]): HTMLElement {
  const headingId = `${id}-heading`;
  return h('section', { className: 'section', attrs: { 'aria-labelledby': headingId } }, h('h3', { text: title, attrs: { id: headingId } }), ...children);
}

/** A definition list from label/value pairs; pairs with an empty value are left out. */
export function facts(pairs: [string, Child][]): HTMLDListElement {
  const dl = h('dl', { className: 'facts' });
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === false || value === '') continue;
    dl.append(h('dt', { text: label }), h('dd', {}, value));
  }
  return dl;
}

/** An empty-state note for a view that has nothing to show yet. */
export function emptyState(text: string): HTMLElement {
  return h('p', { className: 'empty', text });
}

/** Tables with this many columns or more turn into cards at a wider panel than smaller ones. */
export const MANY_COLUMNS = 6;

/**
 * A data table: caption, header row, body rows. Each body cell gets its column's name as `data-label`,
 * which the narrow layout shows beside the value when the rows become cards.
 */
export function table(caption: string, headers: string[], rows: HTMLTableRowElement[], className = 'data'): HTMLTableElement {
  for (const row of rows) {
    Array.from(row.cells).forEach((cell, index) => {
      const header = headers[index];
      if (header && !cell.dataset.label) cell.dataset.label = header;
      // A value with an unbreakable run longer than a card's value column (a GUID, a URL) goes under its label.
      if (/\S{25,}/.test(cell.textContent ?? '')) cell.classList.add('long-value');
    });
  }
  return h(
    'table',
    { className: headers.length >= MANY_COLUMNS ? `${className} many-columns` : className },
    h('caption', { text: caption }),
    h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { text, attrs: { scope: 'col' } })))),
    h('tbody', {}, ...rows),
  );
}

/**
 * Marks the page `narrow` (under 600 px) or `medium` (under 900 px) on <body data-width>, so one set of
 * card rules serves every table: small tables become cards when narrow, wide ones already at medium.
 */
export function trackWidth(): void {
  let pending = false;
  const update = (): void => {
    pending = false;
    const width = document.documentElement.clientWidth || window.innerWidth;
    document.body.dataset.width = width < 600 ? 'narrow' : width < 900 ? 'medium' : 'wide';
    fitTables();
  };
  update();
  new ResizeObserver(update).observe(document.documentElement);
  // A view rendered later (a new message) is fitted once, on the next frame.
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(update);
  }).observe(document.body, { childList: true, subtree: true });
}

/**
 * A table still wider than its panel as a table (long request ids beside many columns) is cut off at
 * the panel's edge; it becomes cards instead. Measured as a table each time, so a wider panel turns it back.
 */
function fitTables(): void {
  for (const t of document.querySelectorAll<HTMLTableElement>('table.data')) {
    t.classList.remove('as-cards');
    const room = t.parentElement?.clientWidth ?? 0;
    if (room > 0 && getComputedStyle(t).display === 'table' && t.offsetWidth > room + 1) t.classList.add('as-cards');
  }
}

export function cells(...values: Child[]): HTMLTableCellElement[] {
  return values.map((value) => h('td', {}, value));
}
