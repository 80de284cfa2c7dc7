/** Shareable scenario links: pure, async (CompressionStream, Web Crypto), no DOM. */
export { decodeDraftLink, decodeLink, encodeDraftLink, encodeLink, encodePayload, LINK_VERSION, type DecodeDraftResult, type DecodeResult, type EncodedLink, type EncodeOptions } from './link.ts';
export { minimize } from './minimize.ts';
export { fingerprintRows, rowsToCsv, sha256Hex, verifyTraceFile, type Fingerprint, type VerifyResult } from './fingerprint.ts';
export { INLINE_TRACE_BUDGET, referenceLargeTraces, type TraceReference } from './traceReference.ts';
