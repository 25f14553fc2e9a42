/**
 * The parsed body as core's parsers take it: the object `@fastify/formbody` or the JSON parser
 * produced, `{}` for no body (so the answer is "code is missing"), anything else as is (core
 * answers "request body must be a form" for arrays and scalars).
 */
export function readForm(body: unknown): Record<string, unknown> {
  return (body ?? {}) as Record<string, unknown>;
}
