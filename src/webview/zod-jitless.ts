// zod compiles fast object parsers with `new Function()` when a schema is created. The panel's CSP
// forbids eval (and Chromium reports every attempt as a violation), so switch zod to its plain path
// before any schema exists. main.ts imports this module first for that reason.
import * as z from 'zod';

z.config({ jitless: true });
