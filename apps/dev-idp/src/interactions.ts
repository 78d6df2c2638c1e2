import express, { type NextFunction, type Request, type Response } from 'express';

import { DASHBOARD_CLIENT_ID, DASHBOARD_CLIENT_NAME, MACHINE_CLIENTS } from './config';
import type { Interaction, OidcProvider } from './oidc-provider-types';
import { renderLoginPage, renderMessagePage } from './pages';
import { demoPeople, findDemoPerson, type DemoPerson } from './people';

/** The provider's interaction routes: the person picker (login), consent, abort, and their errors. */

type AcceptsJson = Pick<Request, 'accepts'>;

function wantsJson(req: AcceptsJson): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

export function mountInteractions(
  app: express.Express,
  provider: OidcProvider,
  log: (line: string) => void,
): void {
  const clientNames = new Map<string, string>([
    [DASHBOARD_CLIENT_ID, DASHBOARD_CLIENT_NAME],
    ...MACHINE_CLIENTS.map((c) => [c.clientId, c.name] as [string, string]),
  ]);
  const clientName = (interaction: Interaction) =>
    clientNames.get(String(interaction.params.client_id)) ?? String(interaction.params.client_id ?? '');

  /** The interaction cookie is path-scoped to /interaction/<uid>; a different uid means a stale tab. */
  const details = async (req: Request, res: Response): Promise<Interaction> => {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== req.params.uid) {
      throw new InteractionMismatch();
    }
    return interaction;
  };

  const finish = (req: Request, res: Response, result: object, merge: boolean) =>
    provider.interactionFinished(req, res, result, { mergeWithLastSubmission: merge });

  app.get('/interaction/:uid', async (req, res) => {
    const interaction = await details(req, res);
    res.set('cache-control', 'no-store');
    switch (interaction.prompt.name) {
      case 'login':
        res.type('html').send(
          renderLoginPage({
            uid: interaction.uid,
            clientName: clientName(interaction),
            people: demoPeople(),
          }),
        );
        return;
      case 'consent':
        await finish(req, res, { consent: { grantId: await grantFromPrompt(provider, interaction) } }, true);
        return;
      default:
        sendError(
          req,
          res,
          400,
          'unsupported_prompt',
          `Richiesta di interazione non gestita: ${interaction.prompt.name}.`,
        );
    }
  });

  app.post(
    '/interaction/:uid/login',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const interaction = await details(req, res);
      res.set('cache-control', 'no-store');
      if (interaction.prompt.name !== 'login') {
        sendError(
          req,
          res,
          400,
          'unexpected_login',
          "Questa richiesta di accesso non attende un'identificazione.",
        );
        return;
      }
      const submitted = (req.body as Record<string, unknown> | undefined)?.fiscalCode;
      const person: DemoPerson | undefined = findDemoPerson(submitted);
      if (!person) {
        const message = `Codice fiscale non riconosciuto: "${String(submitted ?? '')}". Questo provider conosce solo le persone demo.`;
        if (wantsJson(req)) {
          res.status(400).json({
            error: 'unknown_person',
            error_description: `unknown demo person: ${String(submitted ?? '')}`,
          });
        } else {
          res
            .status(400)
            .type('html')
            .send(
              renderLoginPage({
                uid: interaction.uid,
                clientName: clientName(interaction),
                people: demoPeople(),
                error: message,
                fiscalCode: String(submitted ?? ''),
              }),
            );
        }
        return;
      }
      log(`dev-idp: login as ${person.fiscalCode} (${person.givenName} ${person.familyName})`);
      await finish(req, res, { login: { accountId: person.fiscalCode } }, false);
    },
  );

  app.get('/interaction/:uid/abort', async (req, res) => {
    await details(req, res);
    await finish(
      req,
      res,
      { error: 'access_denied', error_description: "L'utente ha annullato l'accesso" },
      false,
    );
  });

  app.use('/interaction', (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const name = (error as { name?: string } | null)?.name;
    if (name === 'SessionNotFound' || error instanceof InteractionMismatch) {
      sendError(
        req,
        res,
        400,
        'interaction_expired',
        "La sessione di accesso è scaduta o non appartiene a questa scheda. Torna all'applicazione e riprova.",
      );
      return;
    }
    log(`dev-idp: interaction failed: ${String((error as Error)?.stack ?? error)}`);
    sendError(req, res, 500, 'server_error', "Errore interno durante l'accesso.");
  });
}

class InteractionMismatch extends Error {
  constructor() {
    super('interaction cookie does not match the requested interaction');
  }
}

async function grantFromPrompt(provider: OidcProvider, interaction: Interaction): Promise<string> {
  const accountId = interaction.session?.accountId;
  const clientId = interaction.params.client_id;
  if (!accountId || !clientId) {
    throw new Error('consent requested without an authenticated session');
  }
  let grant = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  grant ??= new provider.Grant({ accountId, clientId });
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = interaction.prompt.details;
  if (missingOIDCScope?.length) {
    grant.addOIDCScope(missingOIDCScope.join(' '));
  }
  if (missingOIDCClaims?.length) {
    grant.addOIDCClaims([...missingOIDCClaims]);
  }
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  return grant.save();
}

export function sendError(req: Request, res: Response, status: number, error: string, message: string): void {
  if (wantsJson(req)) {
    res.status(status).json({ error, error_description: message });
  } else {
    res
      .status(status)
      .type('html')
      .send(renderMessagePage('Accesso non riuscito', message, { errore: error }));
  }
}
