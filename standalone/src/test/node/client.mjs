// A real Node OAuth client (oauth4webapi) and resource-server check (jose) against a running system, run by
// NodeClientTests. The client and the check are the README's own code: the ```js blocks under "### Node (jose)" and
// "### Node client (oauth4webapi)" are written into a temporary directory here (beside node_modules, so that their
// imports resolve) and imported, so README and test cannot drift apart.
//
// Usage: node client.mjs [issuer [client_id [client_secret [scope]]]]; each one missing is taken from SA_ISSUER,
// SA_CLIENT_ID, SA_CLIENT_SECRET, SA_SCOPE (pass the secret in the environment: argv is visible to every local user);
// SA_CONNECT_TO (optional): where the issuer's origin actually listens, see connectTo below.
// Discovers the issuer (RFC 8414), gets a token with client_secret_basic and one with client_secret_post, verifies
// both with jose, introspects the first, revokes it and introspects it again; prints one JSON object of the results.
// On an error: exit 1 with the library's error as one JSON line on stderr ({name, code, error, status, message, cause}).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as oauth from 'oauth4webapi';
import { decodeProtectedHeader } from 'jose';

const here = fileURLToPath(new URL('.', import.meta.url));
const readme = process.env.SA_README ?? fileURLToPath(new URL('../../../../README.md', import.meta.url));

/** @returns the first ```js block after the line `heading` and before the next heading */
function readmeBlock(text, heading) {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) {
    throw new Error(`${readme} has no heading "${heading}"`);
  }
  const section = text.slice(start + heading.length + 2).split(/\n#{1,3} /)[0];
  const block = /```js\n([\s\S]*?)```/.exec(section);
  if (!block) {
    throw new Error(`${readme} has no \`\`\`js block under "${heading}"`);
  }
  return block[1];
}

/** @returns the README's two Node blocks, imported as modules */
async function readmeModules() {
  const text = readFileSync(readme, 'utf8');
  const directory = mkdtempSync(join(here, '.readme-'));
  try {
    const files = { 'resource-server.mjs': '### Node (jose)', 'client-credentials.mjs': '### Node client (oauth4webapi)' };
    for (const [file, heading] of Object.entries(files)) {
      writeFileSync(join(directory, file), readmeBlock(text, heading));
    }
    return {
      resourceServer: await import(pathToFileURL(join(directory, 'resource-server.mjs')).href),
      client: await import(pathToFileURL(join(directory, 'client-credentials.mjs')).href),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * When `target` is set, sends every request for `origin` there instead, path and query kept (as curl's --connect-to):
 * for a system whose public issuer URL is not where it listens, as the tests' system (issuer http://localhost:8080,
 * a random port). The libraries still see the issuer's URLs, so every issuer check stays as strict as in production.
 */
function connectTo(origin, target) {
  if (!target) {
    return;
  }
  const actual = new URL(target).origin;
  const fetchFromNode = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (typeof input !== 'string' && !(input instanceof URL)) {
      throw new TypeError('SA_CONNECT_TO maps string and URL requests only');
    }
    const url = new URL(input);
    return fetchFromNode(url.origin === origin ? `${actual}${url.pathname}${url.search}` : url.href, init);
  };
}

async function main() {
  const [issuer = process.env.SA_ISSUER, clientId = process.env.SA_CLIENT_ID,
    clientSecret = process.env.SA_CLIENT_SECRET, scope = process.env.SA_SCOPE || undefined] = process.argv.slice(2);
  if (!issuer || !clientId || !clientSecret) {
    throw new Error('usage: node client.mjs [issuer [client_id [client_secret [scope]]]] (or SA_ISSUER, SA_CLIENT_ID, '
      + 'SA_CLIENT_SECRET, SA_SCOPE)');
  }
  connectTo(new URL(issuer).origin, process.env.SA_CONNECT_TO);
  const { resourceServer, client } = await readmeModules();

  const as = await client.discover(issuer);
  const verify = resourceServer.accessTokenVerifier(as.issuer, as.jwks_uri);
  const options = client.insecure(new URL(as.issuer));
  const basicAuth = oauth.ClientSecretBasic(clientSecret);
  const obtain = async (clientAuth) => {
    const token = await client.clientCredentialsToken(as, clientId, clientAuth, scope);
    return {
      token: token.access_token,
      result: {
        token_type: token.token_type,
        expires_in: token.expires_in,
        scope: token.scope,
        header: decodeProtectedHeader(token.access_token),
        claims: await verify(token.access_token),
      },
    };
  };
  const introspect = async (token) => oauth.processIntrospectionResponse(as, { client_id: clientId },
    await oauth.introspectionRequest(as, { client_id: clientId }, basicAuth, token, options));

  const basic = await obtain(basicAuth);
  const post = await obtain(oauth.ClientSecretPost(clientSecret));
  const introspection = await introspect(basic.token);
  await oauth.processRevocationResponse(
    await oauth.revocationRequest(as, { client_id: clientId }, basicAuth, basic.token, options));
  const introspectionAfterRevocation = await introspect(basic.token);
  const verifiedLocallyAfterRevocation = await verify(basic.token).then(() => true, () => false);

  return {
    metadata: { issuer: as.issuer, jwks_uri: as.jwks_uri, token_endpoint: as.token_endpoint },
    basic: basic.result,
    post: post.result,
    introspection,
    revoked: true,
    introspectionAfterRevocation,
    verifiedLocallyAfterRevocation,
    hasScope: scope === undefined ? undefined
      : scope.split(' ').every((value) => resourceServer.hasScope(basic.result.claims, value)),
  };
}

try {
  process.stdout.write(`${JSON.stringify(await main())}\n`);
} catch (error) {
  process.stderr.write(`${JSON.stringify({
    name: error?.name, code: error?.code, error: error?.error, error_description: error?.error_description,
    status: error?.status, message: error?.message, cause: error?.cause instanceof Error ? error.cause.message : undefined,
  })}\n`);
  process.exitCode = 1;
}
