// The one way the page talks to statusmap: POST /graphql (plus GET /health, which needs no
// token and says whether the server asks for one).

const TOKEN_KEY = 'statusmap.token';
/** Dispatched on `window` whenever the API refuses the token (HTTP 401): the page signs in. */
export const UNAUTHENTICATED_EVENT = 'statusmap:unauthenticated';

/** A GraphQL answer with `errors`, or a response that was not GraphQL at all. */
export class GraphQLRequestError extends Error {
  constructor(errors, data = null) {
    super(errors.map((e) => e.message).join('; ') || 'GraphQL request failed');
    this.name = 'GraphQLRequestError';
    this.errors = errors;
    this.data = data;
  }
}

/** The token was missing or refused (HTTP 401); the page shows its sign-in form. */
export class UnauthenticatedError extends Error {
  constructor(message) {
    super(message || 'statusmap needs an API token');
    this.name = 'UnauthenticatedError';
  }
}

/** The API token for `Authorization: Bearer`, kept in localStorage by the sign-in form. */
export function apiToken() {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage may be disabled; the API then answers as for an anonymous caller
  }
}

export function setApiToken(token) {
  try {
    if (token) window.localStorage.setItem(TOKEN_KEY, token);
    else window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token lives only as long as this page (see authHeaders)
  }
  sessionToken = token || null;
}

let sessionToken = null;

/** Headers that carry the token, if there is one. */
export function authHeaders(headers = {}) {
  const token = apiToken() || sessionToken;
  return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}

/**
 * A 401 answer: raise UnauthenticatedError and tell the page (it asks for a token). The answer's
 * own message (e.g. "the token was revoked") is kept for the sign-in form.
 */
export async function refuse(response) {
  let message = null;
  try {
    message = (await response.json()).message;
  } catch {
    // not JSON: the generic message will do
  }
  const error = new UnauthenticatedError(message);
  window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT, { detail: { message: error.message } }));
  throw error;
}

/** GET /health: {status, neo4j, auth: 'token' | 'single-user'}; never needs a token. */
export async function health() {
  const response = await fetch('/health', { headers: { Accept: 'application/json' } });
  try {
    return await response.json();
  } catch {
    throw new Error(`statusmap answered HTTP ${response.status} to /health`);
  }
}

const BUSY_RETRIES = 3;

/**
 * POST one GraphQL request. A `503 busy` (the server refused it before doing any work: it is
 * serving as many requests as it can) is sent again after its Retry-After, a few times.
 */
async function post(query, variables) {
  // X-Statusmap-Client: changes made here are recorded as made through the page.
  const headers = authHeaders({
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'X-Statusmap-Client': 'page',
  });
  for (let attempt = 0; ; attempt += 1) {
    let response;
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
    } catch (e) {
      throw new GraphQLRequestError([{ message: `statusmap is not answering (${e.message})` }]);
    }
    if (response.status !== 503 || attempt >= BUSY_RETRIES) return response;
    const busy = await response.clone().json().catch(() => null);
    if (!busy || busy.error !== 'busy') return response;
    const seconds = Math.min(Number(response.headers.get('Retry-After')) || 1, 5);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

/** Run one GraphQL operation; resolves to `data`, rejects with GraphQLRequestError. */
export async function gql(query, variables = {}) {
  const response = await post(query, variables);
  if (response.status === 401) await refuse(response);
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError([{ message: `statusmap answered HTTP ${response.status}` }]);
  }
  if (body.errors && body.errors.length) throw new GraphQLRequestError(body.errors, body.data);
  if (!body.data) {
    throw new GraphQLRequestError([
      { message: body.message || `statusmap answered HTTP ${response.status}` },
    ]);
  }
  return body.data;
}
