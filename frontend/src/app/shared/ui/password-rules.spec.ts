import { brokenPasswordRules, emailName } from './password-rules';

describe('brokenPasswordRules', () => {
  it('should accept a long, varied password unrelated to the email', () => {
    expect(brokenPasswordRules('violet kettle harbour', 'ada.lovelace@uni.example')).toEqual([]);
  });

  it('should count characters, not UTF-16 units, like the server', () => {
    expect(brokenPasswordRules('😀'.repeat(6) + 'abcdef')).toEqual([]);
    expect(brokenPasswordRules('😀'.repeat(11))).toEqual(['length', 'notRepeated']);
  });

  it('should refuse too short, too long and one repeated character', () => {
    expect(brokenPasswordRules('short')).toEqual(['length']);
    expect(brokenPasswordRules('x'.repeat(129))).toEqual(['length', 'notRepeated']);
    expect(brokenPasswordRules('aaaaaaaaaaaaaa')).toEqual(['notRepeated']);
  });

  it('should refuse a password containing the email name, whatever the case', () => {
    expect(brokenPasswordRules('I am ADA.LOVELACE forever', 'ada.lovelace@uni.example')).toEqual(['notEmailName']);
  });

  it('should ignore email names shorter than 4 characters', () => {
    expect(emailName('bo@uni.example')).toBeNull();
    expect(brokenPasswordRules('bo bo bo bo bo bo', 'bo@uni.example')).toEqual([]);
  });
});
