/**
 * Raw DEFLATE through the platform's CompressionStream / DecompressionStream (browsers and
 * Node 20 both have them), so links need no compression library.
 */

export class InflateLimitError extends Error {}

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return pump(bytes, new CompressionStream('deflate-raw'), Infinity);
}

/**
 * Inflates at most `maxBytes` of output: a link is untrusted input and a few hundred characters
 * of DEFLATE can expand to gigabytes. Rejects with InflateLimitError past the limit and with the
 * stream's own error on corrupt or truncated data.
 */
export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  return pump(bytes, new DecompressionStream('deflate-raw'), maxBytes);
}

async function pump(input: Uint8Array, stream: CompressionStream | DecompressionStream, maxBytes: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Errors surface on the readable side; these promises would otherwise reject unobserved.
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new InflateLimitError(`expands to more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
