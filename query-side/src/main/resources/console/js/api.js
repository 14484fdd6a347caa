// The console's one way to the APIs (docs/decisions.md D49). The access token lives in this module's variable only:
// never in localStorage, sessionStorage, a cookie or the page; signing out, or its expiry, forgets it.

let session = null;
let expiryTimer = null;
let commandUrl = '';
const expiredListeners = [];

/** An answer that is not a 2xx: its status and its problem+json (or OAuth error) body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body || {};
  }

  /** @return the field errors of a 400 ({field: message}) */
  get fieldErrors() {
    return this.body.errors && typeof this.body.errors === 'object' ? this.body.errors : {};
  }

  /** @return the problem type's last segment, e.g. 'service-account-email-fixed' */
  get problemType() {
    return typeof this.body.type === 'string' ? this.body.type.split(':').pop() : '';
  }
}

function describe(status, body) {
  if (body && typeof body.detail === 'string' && body.detail) {
    return body.detail;
  }
  if (body && typeof body.error_description === 'string') {
    return body.error_description;
  }
  if (body && typeof body.title === 'string') {
    return body.title;
  }
  return `The server answered ${status}.`;
}

/** Reads where the command side is (the console's own origin when empty). */
export async function loadConfig() {
  const answer = await fetch('config.json', {cache: 'no-store', credentials: 'omit'});
  if (answer.ok) {
    commandUrl = (await answer.json()).commandUrl || '';
  }
}

/**
 * Signs in with the client credentials grant, the secret in the body (client_secret_post: no Basic challenge).
 * @throws ApiError with a message for the admin when refused
 */
export async function signIn(clientId, clientSecret) {
  const body = new URLSearchParams({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret});
  const answer = await fetch('../oauth/token', {
    method: 'POST', body, cache: 'no-store', credentials: 'omit',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
  });
  const json = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    if (json.error === 'invalid_client') {
      throw new ApiError(answer.status, {detail: 'The client ID or the client secret is wrong, or this account cannot sign in (deactivated, or not functional).'});
    }
    throw new ApiError(answer.status, json);
  }
  const claims = decodeClaims(json.access_token);
  session = {
    token: json.access_token,
    clientId: claims.client_id || clientId,
    companyId: claims.company_id || null,
    expiresAt: Date.now() + (json.expires_in || 0) * 1000,
  };
  clearTimeout(expiryTimer);
  if (json.expires_in) {
    expiryTimer = setTimeout(() => expire(), json.expires_in * 1000);
  }
  return current();
}

function decodeClaims(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload.padEnd(payload.length + (4 - payload.length % 4) % 4, '=')));
  } catch (e) {
    return {};
  }
}

/** Forgets the token. */
export function signOut() {
  session = null;
  clearTimeout(expiryTimer);
}

function expire() {
  if (!session) {
    return;
  }
  signOut();
  expiredListeners.forEach(listener => listener('Your session has expired. Sign in again to go on.'));
}

/** @param listener called with a message when the token expires or is refused */
export function onExpired(listener) {
  expiredListeners.push(listener);
}

/** @return {clientId, companyId, operator} of the signed-in client, or null */
export function current() {
  return session && {clientId: session.clientId, companyId: session.companyId, operator: !session.companyId};
}

async function call(base, method, path, body) {
  if (!session) {
    throw new ApiError(401, {detail: 'Not signed in.'});
  }
  const headers = {Authorization: `Bearer ${session.token}`, Accept: 'application/json, application/problem+json'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let answer;
  try {
    answer = await fetch(base + path, {
      method, headers, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, {detail: 'The server could not be reached. Is it running?'});
  }
  const type = answer.headers.get('Content-Type') || '';
  const json = type.includes('json') ? await answer.json().catch(() => null) : null;
  if (answer.status === 401) {
    expire();
    throw new ApiError(401, json);
  }
  if (!answer.ok) {
    throw new ApiError(answer.status, json);
  }
  return json;
}

/** GET on the query side (the console's own origin). */
export function read(path) {
  return call('..', 'GET', path);
}

/** A command on the command side. */
export function command(method, path, body) {
  return call(commandUrl || '..', method, path, body);
}

/** @return a query string of the defined, non-empty values */
export function query(parameters) {
  const search = new URLSearchParams();
  Object.entries(parameters).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, value);
    }
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** @return the path segment, encoded */
export function seg(value) {
  return encodeURIComponent(value);
}
