/**
 * Reads a JSON request body with a size cap, streaming, so an oversized body is refused before it
 * is all in memory. Wrong content type, a missing body and malformed JSON are ERROR_REQUEST-family
 * errors with their proper HTTP status.
 */
import { AppError } from "@/server/errors";

export async function readJsonBody(request: Request, maxBytes: number): Promise<{ present: boolean; value: unknown }> {
  const declared = request.headers.get("content-length");
  if (declared && Number(declared) > maxBytes) throw tooLarge(maxBytes);

  const text = await readText(request, maxBytes);
  if (text.trim() === "") return { present: false, value: undefined };

  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new AppError(
      "ERROR_REQUEST",
      `Content type '${contentType || "(none)"}' is not supported; send application/json`,
      { status: 415 },
    );
  }
  try {
    return { present: true, value: JSON.parse(text) };
  } catch {
    throw new AppError("ERROR_REQUEST", "Malformed JSON request body");
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("ERROR_REQUEST", `Request body is larger than the limit of ${maxBytes} bytes`, { status: 413 });
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("ERROR_REQUEST", "Request body is not valid UTF-8");
  }
}
