import { obtainPersonToken } from '../../../apps/dev-idp/src/token-flow';
import { idpUrl, webBaseUrl } from './fixtures';

/** A GraphQL call as a demo person, with a real token from the development provider. */
export async function graphqlAs<T = any>(
  fiscalCode: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const token = await obtainPersonToken(idpUrl(), fiscalCode);
  const response = await fetch(`${webBaseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

/** The id of the assignment of `fiscalCode`'s comune whose objective has this title. */
export async function assignmentIdByTitle(fiscalCode: string, title: string): Promise<string> {
  const me = await graphqlAs(fiscalCode, '{ me { memberships { comune { id } } } }');
  const comuneId = me.me.memberships[0].comune.id as string;
  const data = await graphqlAs(
    fiscalCode,
    'query($c: ID!) { assignments(filter: { comuneId: $c }, first: 200) { edges { node { id objective { title } } } } }',
    { c: comuneId },
  );
  const edge = data.assignments.edges.find((e: any) => e.node.objective.title === title);
  if (!edge) throw new Error(`no assignment "${title}" for ${fiscalCode}`);
  return edge.node.id as string;
}
