// A real OpenID provider (npm's oidc-provider) for Harbor's OIDC tests.
//
//   node provider.mjs CONFIG.json
//
// CONFIG: {"clients": [{client_id, client_secret, redirect_uris, post_logout_redirect_uris?}],
// "accounts": {"<login>": {"password", "claims": {...}, "amr": [...], "code_ttl"?: seconds}},
// "rp_logout"?: false}. It listens on a free port of 127.0.0.1, takes http://127.0.0.1:PORT as
// its issuer, and prints "READY <issuer>". RP-initiated logout (end_session_endpoint,
// /session/end, with oidc-provider's own confirmation page) is on unless "rp_logout" is false.
//
// Its sign-in page (/interaction/<uid>) is a plain form: login + password, or "cancel" (the
// provider then answers the client with error=access_denied). Consent is granted at once for
// the configured clients (first-party, as a hospital's own IdP would be). The ID token always
// carries `amr` (the methods the account signed in with, from CONFIG), as hospital IdPs' do.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import querystring from 'node:querystring';

import Provider from 'oidc-provider';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const accounts = config.accounts || {};
const SCOPE = 'openid email profile roles';
const CLAIMS = { email: ['email', 'email_verified'], profile: ['preferred_username', 'name'], roles: ['roles'] };

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(uid, message) {
  return `<!doctype html><html><head><title>Hospital sign-in</title></head><body>
<h1>Hospital sign-in</h1>${message ? `<p class="error">${escape(message)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Login <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${escape(uid)}/cancel"><button type="submit">Cancel</button></form>
</body></html>`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; if (data.length > 65536) reject(new Error('body too large')); });
    req.on('end', () => resolve(querystring.parse(data)));
    req.on('error', reject);
  });
}

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: config.clients.map((c) => ({
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic', ...c,
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    scopes: ['openid', 'email', 'profile', 'roles'],
    claims: { acr: null, amr: null, sid: null, auth_time: null, iss: null, openid: ['sub', 'amr'], ...CLAIMS },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: config.rp_logout !== false } },
    ttl: {
      AuthorizationCode: (ctx, code) => accounts[code.accountId]?.code_ttl ?? 60,
      Interaction: 600, Session: 3600, Grant: 3600, IdToken: 600, AccessToken: 600,
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, async claims() { return { sub: id, ...account.claims }; } };
    },
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(SCOPE);
      grant.addOIDCClaims(Object.values(CLAIMS).flat());
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  server.on('request', async (req, res) => {
    const m = req.url.match(/^\/interaction\/([\w-]+)(?:\/(login|cancel))?$/);
    if (!m) return handle(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(page(details.uid));
      }
      if (m[2] === 'cancel') {
        return await provider.interactionFinished(req, res,
          { error: 'access_denied', error_description: 'The sign-in was cancelled.' }, { mergeWithLastSubmission: false });
      }
      const form = await readBody(req);
      const account = accounts[form.login];
      if (!account || account.password !== form.password) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(page(details.uid, 'Wrong login or password.'));
      }
      return await provider.interactionFinished(req, res,
        { login: { accountId: form.login, amr: account.amr || ['pwd'] } }, { mergeWithLastSubmission: false });
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end(`interaction error: ${err.message}`);
    }
  });
  process.stdout.write(`READY ${issuer}\n`);
});

for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
