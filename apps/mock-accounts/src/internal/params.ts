/** Parameters reduced to single strings; `duplicate` names a parameter sent more than once. */
export interface CollectedParams {
  params: Record<string, string | undefined>;
  paramsIn: 'body' | 'query' | 'both' | 'none';
  duplicate?: string;
}

function toStrings(source: unknown): { values: Map<string, string>; duplicate?: string } {
  const values = new Map<string, string>();
  let duplicate: string | undefined;
  if (typeof source !== 'object' || source === null) return { values };
  for (const [key, value] of Object.entries(source)) {
    if (Array.isArray(value)) {
      duplicate ??= key;
      if (typeof value[0] === 'string') values.set(key, value[0]);
    }
    if (typeof value === 'string') values.set(key, value);
  }
  return duplicate === undefined ? { values } : { values, duplicate };
}

/**
 * Merges form-body and query-string parameters (Spotify accepts both; bih's swap server sends
 * them in the query string). The body wins when a name is in both.
 */
export function collectParams(body: unknown, query: unknown): CollectedParams {
  const fromBody = toStrings(body);
  const fromQuery = toStrings(query);
  const duplicate = fromBody.duplicate ?? fromQuery.duplicate;
  const params: Record<string, string | undefined> = Object.create(null);
  for (const [k, v] of fromQuery.values) params[k] = v;
  for (const [k, v] of fromBody.values) params[k] = v;
  const inBody = fromBody.values.size > 0;
  const inQuery = fromQuery.values.size > 0;
  const paramsIn = inBody && inQuery ? 'both' : inBody ? 'body' : inQuery ? 'query' : 'none';
  return { params, paramsIn, ...(duplicate === undefined ? {} : { duplicate }) };
}
