import { graphqlAs } from './support/api';
import { expect, test } from './support/fixtures';

/**
 * Issue 23, point 8: the registro names whom a role change concerns, by name and fiscal code (a
 * stranger enrolled by fiscal code stays a fiscal code: office-pages.spec.ts). The role is granted
 * and revoked through the API, so the other specs find the demo as it was.
 */
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const LARA = 'VRDLRA87M41D142J'; // new to RTD Hub: her name is the one the office types

test('the registro names the person a role was granted to and revoked from', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  const pandino = await graphqlAs(GIULIA, '{ comuneByIstatCode(istatCode: "019067") { id } }');
  const granted = await graphqlAs(
    GIULIA,
    'mutation ($input: GrantRoleInput!) { grantRole(input: $input) { id } }',
    {
      input: {
        fiscalCode: LARA,
        givenName: 'Lara',
        familyName: 'Verdi',
        role: 'COMUNE_VIEWER',
        comuneId: pandino.comuneByIstatCode.id,
      },
    },
  );
  await graphqlAs(GIULIA, 'mutation ($id: ID!) { revokeRole(membershipId: $id) }', {
    id: granted.grantRole.id,
  });

  await loginAs(page, GIULIA);
  await page.goto('/registro');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registro delle attività');
  const log = page.getByRole('table', { name: /^Pagina 1:/ });
  const revoked = log.getByRole('row').filter({ hasText: 'Ruolo revocato' }).first();
  await expect(revoked).toContainText('«Consultazione del Comune» a Lara Verdi');
  const assigned = log.getByRole('row').filter({ hasText: 'Ruolo assegnato' }).first();
  await expect(assigned).toContainText(`«Consultazione del Comune» a Lara Verdi (${LARA})`);
  await expectAccessible(page, 'registro delle attività (ruoli per nome)');
});
