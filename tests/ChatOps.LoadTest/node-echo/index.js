// The Node peer of the /api/messages load test: the echo bot of Microsoft's samples (botbuilder 4.23, CloudAdapter).
// Anonymous (no MicrosoftAppId), the way the Bot Framework Emulator runs a bot, unless MICROSOFT_APP_ID is set
// (`botframework --auth`): then it checks the Connector's token on every activity against the keys published at
// OPENID_METADATA_URL, as in production, and replies with OUTBOUND_TOKEN, put in botframework-connector's own token
// cache as if Entra ID had issued it (so no request leaves the machine: the SDK asks login.microsoftonline.com
// otherwise, and then reuses the token from that cache for an hour, which is the state measured).
// Each message turn sends one reply to the activity's serviceUrl before the HTTP answer. Port: PORT (default 3978).
const http = require('http');
const { ActivityHandler, CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
const { AppCredentials, AuthenticationConstants } = require('botframework-connector');

const appId = process.env.MICROSOFT_APP_ID;
const settings = appId
  ? {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: process.env.MICROSOFT_APP_PASSWORD,
      MicrosoftAppType: 'MultiTenant',
      // Overriding one of these makes the SDK take all of them as given: the public cloud's, but for the keys' address.
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: process.env.OPENID_METADATA_URL,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    }
  : {};
if (appId) {
  AppCredentials.cache.set(`${appId}${AuthenticationConstants.ToChannelFromBotOAuthScope}-cache`, {
    accessToken: process.env.OUTBOUND_TOKEN,
    expiresOn: new Date(Date.now() + 24 * 3600 * 1000),
  });
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
adapter.onTurnError = async (context, error) => {
  console.error(`turn error: ${error}`);
};

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}

const bot = new EchoBot();
const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.statusCode = req.url === '/healthz' ? 200 : 404;
    res.end();
    return;
  }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', async () => {
    try {
      req.body = JSON.parse(body);
    } catch {
      res.statusCode = 400;
      res.end();
      return;
    }
    // CloudAdapter.process speaks the restify/express request and response shapes; adapt Node's own.
    const response = {
      status(code) { res.statusCode = code; return this; },
      header(name, value) { res.setHeader(name, value); return this; },
      send(payload) {
        if (payload !== undefined) {
          res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
        } else {
          res.end();
        }
        return this;
      },
      end() { res.end(); return this; },
      socket: res.socket,
    };
    try {
      await adapter.process(req, response, (context) => bot.run(context));
    } catch (error) {
      console.error(error);
      if (!res.writableEnded) {
        res.statusCode = 500;
        res.end();
      }
    }
  });
});

const port = Number(process.env.PORT || 3978);
server.listen(port, '127.0.0.1', () => console.log(`node echo bot listening on 127.0.0.1:${port}`));
