import { echo, echoList, MAX_ECHO, roleName, statusName } from './italian-names';

describe('statusName and roleName', () => {
  it('name statuses and roles in Italian', () => {
    expect(statusName('COMPLETED')).toBe('«Completata»');
    expect(statusName('NOT_STARTED')).toBe('«Non avviata»');
    expect(statusName('SUBMITTED')).toBe('«Inviata, da validare»');
    expect(statusName('NOT_APPLICABLE')).toBe('«Non applicabile»');
    expect(roleName('COMUNE_REFERENT')).toBe('«Referente del Comune»');
  });
});

describe('echo', () => {
  it('keeps short input as it is', () => {
    expect(echo('2024-2026')).toBe('2024-2026');
    expect(echo('a'.repeat(MAX_ECHO))).toBe('a'.repeat(MAX_ECHO));
  });

  it('caps long input with an ellipsis', () => {
    const shown = echo('a'.repeat(90_000));
    expect(shown).toBe(`${'a'.repeat(MAX_ECHO)}…`);
  });

  it('never cuts a character in two', () => {
    expect(echo('😀'.repeat(100), 3)).toBe('😀😀😀…');
  });

  it('caps lists by item and by count', () => {
    expect(echoList(['a', 'b'])).toBe('a, b');
    const many = echoList(Array.from({ length: 1000 }, () => 'z'.repeat(1000)));
    expect(many.length).toBeLessThan(1000);
    expect(many).toMatch(/e altri 990$/);
  });
});
