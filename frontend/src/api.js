// The one way the page talks to statusmap: POST /graphql.

const TOKEN_KEY = 'statusmap.token';

/** A GraphQL answer with `errors`, or a response that was not GraphQL at all. */
export class GraphQLRequestError extends Error {
  constructor(errors, data = null) {
    super(errors.map((e) => e.message).join('; ') || 'GraphQL request failed');
    this.name = 'GraphQLRequestError';
    this.errors = errors;
    this.data = data;
  }
}

/** The API token for `Authorization: Bearer`, kept in localStorage once sign-in exists. */
export function apiToken() {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage may be disabled; the API then answers as for an anonymous caller
  }
}

export function setApiToken(token) {
  if (token) window.localStorage.setItem(TOKEN_KEY, token);
  else window.localStorage.removeItem(TOKEN_KEY);
}

/** Run one GraphQL operation; resolves to `data`, rejects with GraphQLRequestError. */
export async function gql(query, variables = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const token = apiToken();
  if (token) headers.Authorization = `Bearer ${token}`;
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
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError([{ message: `statusmap answered HTTP ${response.status}` }]);
  }
  if (body.errors && body.errors.length) throw new GraphQLRequestError(body.errors, body.data);
  return body.data;
}
