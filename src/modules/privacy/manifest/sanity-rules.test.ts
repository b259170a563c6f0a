import { describe, expect, it } from 'vitest';
import type { ManifestProblem } from './parse.js';
import { exampleManifestText, EXAMPLE_MANIFESTS } from './test-support.js';
import { formatProblem, formatWarning, validateManifest } from './validate.js';

/** The rules that compare a manifest with the law and with itself, each with a passing and a failing case. */

const configurator = exampleManifestText('000-configurator.yaml');
const scanning = exampleManifestText('001-scanning-printing.yaml');

function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`"${from}" not in the manifest`);
  return text.replace(from, to);
}

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in text`);
  return index + 1;
}

function problemsOf(text: string): ManifestProblem[] {
  const result = validateManifest(text, 'm.yaml');
  return result.ok ? [] : result.problems;
}

function warningsOf(text: string): ManifestProblem[] {
  return validateManifest(text, 'm.yaml').warnings;
}

describe('the sanity rules', () => {
  it.each(EXAMPLE_MANIFESTS)('pass on the example %s unmodified, without a warning', (name) => {
    const result = validateManifest(exampleManifestText(name), name);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    expect(result.warnings.map(formatWarning)).toEqual([]);
  });

  describe('request deadlines within the law of the jurisdiction', () => {
    it('refuses a GDPR base period longer than one month, read from the id, at the base', () => {
      const text = replaced(scanning, '        base: P1M\n', '        base: P2M\n');
      expect(problemsOf(text).map(formatProblem)).toEqual([
        `m.yaml:${lineOf(text, 'base: P2M')}:15 rights.jurisdictions[0].deadline.base: jurisdiction "eu" promises an answer within two calendar months, but the limit under the GDPR is one calendar month, extendable by two further months (GDPR art. 12(3)); the law is read from the jurisdiction's id: list its laws under laws to say otherwise`,
      ]);
    });

    it('refuses an extension that takes longer in all than the law allows, at the extension', () => {
      const text = replaced(configurator, '        extension: P45D\n', '        extension: P60D\n');
      const [problem, ...rest] = problemsOf(text);
      expect(rest).toEqual([]);
      expect(problem).toMatchObject({ path: 'rights.jurisdictions[1].deadline.extension', line: lineOf(text, 'extension: P60D'), column: 20 });
      expect(problem?.message).toBe(
        'jurisdiction "us" may take 105 days in all (45 days, extendable by a further 60 days), but the limit under the US state privacy laws is 45 days, extendable by a further 45 days (Cal. Civ. Code § 1798.130(a)(2); Va. Code § 59.1-577(B) and their equivalents); the law is read from the jurisdiction\'s id: list its laws under laws to say otherwise',
      );
    });

    it('accepts deadlines at the law\'s limit, in days or in months, and shorter ones', () => {
      expect(problemsOf(replaced(scanning, '        base: P1M\n        extension: P2M\n', '        base: P30D\n        extension: P60D\n'))).toEqual([]);
      expect(problemsOf(replaced(configurator, '        base: P45D\n', '        base: P1M\n'))).toEqual([]);
      expect(problemsOf(replaced(configurator, '        base: P45D\n        extension: P45D\n', '        base: P45D\n        extension: P1M\n'))).toEqual([]);
    });

    it('checks every law of a jurisdiction that names several, and each law it lists in laws', () => {
      // eea_uk is the GDPR and the UK GDPR: one problem for each.
      const twoLaws = replaced(configurator, '        extension: P2M\n', '        extension: P3M\n');
      expect(problemsOf(twoLaws).map((p) => p.message)).toEqual([expect.stringMatching(/four calendar months in all .*the limit under the GDPR is/), expect.stringMatching(/the limit under the UK GDPR is/)]);
      // Listing the laws replaces reading them from the id: PIPEDA allows 30 + 30 days.
      const listed = replaced(configurator, '      name: United States and everywhere else\n', '      name: United States and everywhere else\n      laws: [ccpa, pipeda]\n');
      expect(problemsOf(listed).map((p) => `${p.path}: ${p.message}`)).toEqual([
        'rights.jurisdictions[1].deadline.base: jurisdiction "us" promises an answer within 45 days, but the limit under PIPEDA is 30 days, extendable by a further 30 days (PIPEDA s. 8(3) and 8(4)(a))',
      ]);
      // An empty list checks no law; an unknown law is a schema problem.
      expect(problemsOf(replaced(twoLaws, '      name: European Economic Area, United Kingdom and Switzerland\n', '      name: European Economic Area, United Kingdom and Switzerland\n      laws: []\n'))).toEqual([]);
      const unknown = problemsOf(replaced(configurator, '      name: United States and everywhere else\n', '      name: United States and everywhere else\n      laws: [lgpd]\n'));
      expect(unknown.map((p) => `${p.path}: ${p.message}`)).toEqual([expect.stringMatching(/^rights\.jurisdictions\[1\]\.laws\[0\]: expected a law: one of gdpr, uk_gdpr, ch_fadp, ccpa, us_states, pipeda$/)]);
    });

    it('checks only the base under a law that sets no maximum for the extension', () => {
      const swiss = (deadline: string) => replaced(configurator, '      name: European Economic Area, United Kingdom and Switzerland\n', '      name: European Economic Area, United Kingdom and Switzerland\n      laws: [ch_fadp]\n').replace('        base: P1M\n        extension: P2M\n', deadline);
      expect(problemsOf(swiss('        base: P30D\n        extension: P6M\n'))).toEqual([]);
      expect(problemsOf(swiss('        base: P1M\n        extension: P2M\n')).map((p) => p.message)).toEqual([expect.stringMatching(/the limit under the Swiss FADP is 30 days, extendable when necessary \(FADP art\. 25\(7\) with DPO art\. 18\)$/)]);
    });

    it('warns, without refusing, about an extension with no reason', () => {
      const text = replaced(configurator, '        extension_reason: when reasonably necessary\n', '');
      expect(problemsOf(text)).toEqual([]);
      expect(warningsOf(text).map(formatWarning)).toEqual([
        `m.yaml:${lineOf(text, 'extension: P45D')}:20 warning: rights.jurisdictions[1].deadline.extension: jurisdiction "us" may extend its deadline but gives no extension_reason; the policy will say "when requests are complex or numerous"`,
      ]);
    });
  });

  describe('a retention not shorter than the legal minimum it cites', () => {
    const withMinimum = (duration: string, minimum: string) =>
      replaced(configurator, '    duration: P7Y\n', `    duration: ${duration}\n    legal_minimum:\n      duration: ${minimum}\n      law: the Internal Revenue Code (26 CFR 1.6001-1(e))\n`);

    it('refuses a shorter duration, at the duration, naming the law', () => {
      const text = withMinimum('P5Y', 'P7Y');
      expect(problemsOf(text).map(formatProblem)).toEqual([
        `m.yaml:${lineOf(text, 'duration: P5Y')}:15 retention[2].duration: retention rule 3 keeps the data 5 years, shorter than the 7 years the Internal Revenue Code (26 CFR 1.6001-1(e)) requires (its legal_minimum): lengthen the duration or correct legal_minimum`,
      ]);
      expect(problemsOf(withMinimum('P360D', 'P1Y')).map((p) => p.path)).toEqual(['retention[2].duration']);
    });

    it('accepts an equal or longer duration, in the same or other units', () => {
      expect(problemsOf(withMinimum('P7Y', 'P7Y'))).toEqual([]);
      expect(problemsOf(withMinimum('P84M', 'P7Y'))).toEqual([]);
      expect(problemsOf(withMinimum('P10Y', '{years: 7}'))).toEqual([]);
    });

    it('needs both the duration and the law', () => {
      const text = replaced(configurator, '    duration: P7Y\n', '    duration: P7Y\n    legal_minimum:\n      duration: P7Y\n');
      expect(problemsOf(text).map((p) => `${p.path}: ${p.message}`)).toEqual([expect.stringMatching(/^retention\[2\]\.legal_minimum\.law: /)]);
    });
  });

  describe('Global Privacy Control when selling or sharing', () => {
    it('refuses a policy that sells personal data and ignores GPC, at honours_gpc', () => {
      const text = replaced(configurator, '  sells_personal_data: false\n  shares_for_cross_context_advertising: false\n  honours_gpc: true\n', '  sells_personal_data: true\n  shares_for_cross_context_advertising: false\n  honours_gpc: false\n');
      expect(problemsOf(text).map(formatProblem)).toEqual([
        `m.yaml:${lineOf(text, 'honours_gpc: false')}:16 sale_and_sharing.honours_gpc: the policy sells personal data but does not honour Global Privacy Control: a business that sells or shares must treat the signal as an opt-out (11 CCR § 7025(b)); set honours_gpc to true`,
      ]);
    });

    it('refuses sharing for cross-context advertising without GPC too', () => {
      const text = replaced(scanning, '  honours_gpc: true\n', '  honours_gpc: false\n');
      expect(problemsOf(text).map((p) => p.message)).toEqual([expect.stringMatching(/^the policy shares it for cross-context advertising but does not honour Global Privacy Control/)]);
    });

    it('accepts ignoring GPC when nothing is sold or shared', () => {
      expect(problemsOf(replaced(configurator, '  honours_gpc: true\n', '  honours_gpc: false\n'))).toEqual([]);
    });
  });

  describe('recipients receive declared categories only', () => {
    it('refuses a recipient receiving an undeclared category, at that category', () => {
      const text = replaced(configurator, '    categories: [usage.clickstream, technical.device, technical.ip, technical.cookie_id]', '    categories: [usage.clickstream, technical.device, scan.body]');
      const problem = problemsOf(text).find((p) => p.path.startsWith('recipients'));
      expect(problem && formatProblem(problem)).toMatch(/^m\.yaml:\d+:\d+ recipients\[1\]\.categories\[2\]: recipient "analytics_service" receives category "scan.body", which is not declared under categories$/);
      expect(problem?.line).toBe(lineOf(text, 'technical.device, scan.body'));
    });
  });

  describe('advertising cookies only in a policy that declares advertising', () => {
    const adCookie = '  - name: mv_ads\n    provider: Configurator.tech\n    category: advertising\n    lifetime: P1Y\n    purpose: Shows our own offers.\n    categories: [technical.cookie_id]\n';

    it('refuses a first-party advertising cookie when no purpose is advertising, at its category', () => {
      const text = replaced(configurator, 'cookies:\n', `cookies:\n${adCookie}`);
      expect(problemsOf(text).map(formatProblem)).toEqual([
        `m.yaml:${lineOf(text, 'category: advertising')}:15 cookies[0].category: advertising cookie "mv_ads" is set, but the policy declares no advertising: add a purpose for it (its id or name saying advertising, with its legal basis) or correct the cookie's category`,
      ]);
    });

    it('accepts it once a purpose is advertising, or the policy shares for cross-context advertising', () => {
      const withCookie = replaced(configurator, 'cookies:\n', `cookies:\n${adCookie}`);
      const purpose = '  - id: own_ads\n    name: Our own ads\n    legal_basis: consent\n    categories: [technical.cookie_id]\n';
      expect(problemsOf(replaced(withCookie, 'purposes:\n', `purposes:\n${purpose}`))).toEqual([]);
      expect(problemsOf(replaced(withCookie, 'shares_for_cross_context_advertising: false', 'shares_for_cross_context_advertising: true'))).toEqual([]);
      // The example that shows third-party ads declares an advertising purpose and sharing.
      expect(problemsOf(scanning)).toEqual([]);
    });

    it('still refuses a third-party advertising cookie in a policy that says it does not share', () => {
      const text = replaced(scanning, 'shares_for_cross_context_advertising: true', 'shares_for_cross_context_advertising: false');
      expect(problemsOf(text).map((p) => `${p.path}: ${p.message}`)).toEqual([expect.stringMatching(/^cookies\[4\]\.provider: advertising cookie "__gads" is set by Google \(AdSense\), which shares data/)]);
    });
  });
});
