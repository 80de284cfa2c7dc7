import { formatIssues, safeParseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { deflateRaw, inflateRaw, InflateLimitError } from './deflate.ts';
import { sha256Bytes } from './fingerprint.ts';
import { minimize } from './minimize.ts';
import { INLINE_TRACE_BUDGET, referenceLargeTraces, type TraceReference } from './traceReference.ts';

/**
 * Link format 1: `#s1.` + base64url( checksum(4) ‖ deflate-raw( UTF-8 JSON of the minimized scenario ) ).
 * The checksum (first 4 bytes of SHA-256 of the JSON) is there because raw DEFLATE has none: a
 * changed character in stored (uncompressed) blocks would otherwise decode to a different scenario
 * without any error.
 */
export const LINK_VERSION = 1;
const CHECKSUM_BYTES = 4;
/** Longer fragments are refused before any work; real links are a few hundred characters. */
export const MAX_LINK_CHARS = 200_000;
/** A scenario document never needs more; stops a crafted link from inflating to gigabytes. */
export const MAX_JSON_BYTES = 4_000_000;

export interface EncodedLink {
  /** `#s1.…`, ready to append to the app's URL. */
  fragment: string;
  /** Inline traces replaced by a reference; the recipient needs these files. */
  references: TraceReference[];
}

export interface EncodeOptions {
  /** Inline trace rows above this many characters of JSON become references (default 1500). */
  traceBudget?: number;
}

export async function encodeLink(scenario: Scenario, options: EncodeOptions = {}): Promise<EncodedLink> {
  const { scenario: shareable, references } = await referenceLargeTraces(scenario, options.traceBudget ?? INLINE_TRACE_BUDGET);
  return { fragment: await encodePayload(JSON.stringify(minimize(shareable))), references };
}

/**
 * The link for a draft exactly as the user wrote it ("2d", "19:30", values equal to a default):
 * a reload or a shared link shows the form as it was. Invalid drafts get a link too, so the address
 * bar never falls behind the editor. A valid draft with inline trace rows too big for a link is
 * encoded the encodeLink way (minimized, big traces replaced by references).
 */
export async function encodeDraftLink(doc: Record<string, unknown>, scenario: Scenario | null, options: EncodeOptions = {}): Promise<EncodedLink> {
  const budget = options.traceBudget ?? INLINE_TRACE_BUDGET;
  if (scenario?.workload.some((s) => s.type === 'trace' && s.rows && JSON.stringify(s.rows).length > budget)) return encodeLink(scenario, options);
  return { fragment: await encodePayload(JSON.stringify(doc)), references: [] };
}

/** The link for any text. Exported for tests that need well-formed links around bad content. */
export async function encodePayload(json: string): Promise<string> {
  const utf8 = new TextEncoder().encode(json);
  const checksum = (await sha256Bytes(utf8)).subarray(0, CHECKSUM_BYTES);
  const compressed = await deflateRaw(utf8);
  const bytes = new Uint8Array(CHECKSUM_BYTES + compressed.length);
  bytes.set(checksum, 0);
  bytes.set(compressed, CHECKSUM_BYTES);
  return `#s${LINK_VERSION}.${toBase64Url(bytes)}`;
}

export type DecodeResult = { ok: true; scenario: Scenario } | { ok: false; message: string };

/**
 * A link read as the app's draft: the document exactly as it was written (durations as "2d",
 * values equal to a default kept), with the scenario when it is valid. A link to a draft that the
 * schema rejects still gives the document (`doc`), so the app can open it to be fixed.
 */
export type DecodeDraftResult =
  | { ok: true; scenario: Scenario; doc: Record<string, unknown> }
  | { ok: false; message: string; doc?: Record<string, unknown> };

const DAMAGED = 'this link is damaged or incomplete (copy the whole link again)';

/**
 * Reads a link fragment (`#s1.…`, without the `#`, or a whole URL) back into a validated
 * Scenario. Never throws and never evaluates anything: the content only goes through
 * JSON.parse and the zod schema, so strings such as "<script>" stay plain data.
 */
export async function decodeLink(link: string): Promise<DecodeResult> {
  const r = await decodeDraftLink(link);
  return r.ok ? { ok: true, scenario: r.scenario } : fail(r.message);
}

/** decodeLink, keeping the document as written (see DecodeDraftResult). Never throws. */
export async function decodeDraftLink(link: string): Promise<DecodeDraftResult> {
  try {
    return await decode(link);
  } catch (e) {
    // Belt and braces: every expected failure is handled below; this keeps the promise.
    return fail(`cannot read this link: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function decode(link: string): Promise<DecodeDraftResult> {
  if (typeof link !== 'string') return fail('a link must be text');
  if (link.length > MAX_LINK_CHARS) return fail(`this link is too long (${link.length} characters; at most ${MAX_LINK_CHARS})`);
  const hash = link.indexOf('#');
  const fragment = (hash >= 0 ? link.slice(hash + 1) : link).trim();
  const header = /^s(\d{1,6})\./.exec(fragment);
  if (!header) return fail('this is not a Spillway scenario link (it should contain "#s1.")');
  const version = Number(header[1]);
  if (version > LINK_VERSION) return fail(`this link was made by a newer Spillway (link format ${version}; this one reads format ${LINK_VERSION}); update Spillway to open it`);
  if (version !== LINK_VERSION) return fail(`link format ${version} is not supported (this Spillway reads format ${LINK_VERSION})`);

  const decoded = fromBase64Url(fragment.slice(header[0].length));
  if (!decoded.ok) return fail(`${DAMAGED}: ${decoded.message}`);
  if (decoded.bytes.length <= CHECKSUM_BYTES) return fail(`${DAMAGED}: it holds no data`);
  const checksum = decoded.bytes.subarray(0, CHECKSUM_BYTES);

  let utf8: Uint8Array;
  try {
    utf8 = await inflateRaw(decoded.bytes.subarray(CHECKSUM_BYTES), MAX_JSON_BYTES);
  } catch (e) {
    if (e instanceof InflateLimitError) return fail(`this link's scenario is too large (it ${e.message})`);
    return fail(`${DAMAGED}: the compressed data is corrupt or cut off`);
  }
  const expected = (await sha256Bytes(utf8)).subarray(0, CHECKSUM_BYTES);
  if (!checksum.every((b, i) => b === expected[i])) return fail(`${DAMAGED}: its checksum does not match`);

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(utf8);
  } catch {
    return fail("this link's content is not text");
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail("this link's content is not a scenario (not valid JSON)");
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail("this link's content is not a scenario (expected a JSON object)");
  const parsed = safeParseScenario(doc);
  const written = doc as Record<string, unknown>;
  if (!parsed.ok) return { ok: false, message: `this link's scenario is not valid: ${formatIssues(parsed.issues).replace(/\n/g, '; ')}`, doc: written };
  return { ok: true, scenario: parsed.scenario, doc: written };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
