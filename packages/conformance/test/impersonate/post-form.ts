import { request } from 'undici';

/** POSTs a form to the server under test (on 127.0.0.1: never proxied) and reads the answer. */
export async function postForm(
  url: string,
  form: Record<string, string>,
): Promise<{ status: number; text: string; json: Record<string, unknown> | undefined }> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.body.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, text, json };
}
