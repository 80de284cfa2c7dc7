import { z } from 'zod';

/**
 * zod, configured before any schema exists. Every module that builds schemas imports `z` from here,
 * so the setting holds whatever module loads first.
 *
 * jitless: parse without zod's generated code. A scenario is parsed a few times per edit, and
 * compiling a parser (`new Function`) for each object schema cost more than it saved: the first
 * parse of the headline scenario took 19 ms instead of 8 in Node, 40+ ms on the page's busy main
 * thread at start-up. It also keeps zod from probing `Function('')` when the first object schema is
 * built, which the app's Content-Security-Policy (no eval) reports as a violation on every load.
 */
z.config({ jitless: true });

export { z };
