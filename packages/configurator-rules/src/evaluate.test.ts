import { describe, expect, it } from 'vitest';
import type { ProductDefinition } from './definition.js';
import { defaultSelections, evaluateConfiguration } from './evaluate.js';
import { applyLogic, logicProblem } from './logic.js';

const lamp: ProductDefinition = {
  attributes: [
    { key: 'shade', label: 'Shade', kind: 'colour', options: [{ key: 'white', label: 'White', priceCents: 0 }, { key: 'black', label: 'Black', priceCents: 500 }] },
    { key: 'size', label: 'Size', kind: 'size', options: [{ key: 's', label: 'S', priceCents: 0, scale: 1 }, { key: 'l', label: 'L', priceCents: 0, scale: 2 }] },
    { key: 'name', label: 'Name plate', kind: 'engraving', options: [], maxLength: 5 },
  ],
  rules: [{ key: 'no_black_l', message: 'No black in L.', logic: { '!': { and: [{ '==': [{ var: 'shade' }, 'black'] }, { '==': [{ var: 'size' }, 'l'] }] } } }],
  price: { '*': [{ '+': [1000, { var: 'optionsCents' }, { '*': [10, { var: 'engravingLength' }] }] }, { var: 'scale' }] },
};

describe('evaluateConfiguration', () => {
  it('prices the defaults and a full selection with the formula', () => {
    expect(defaultSelections(lamp)).toEqual({ shade: 'white', size: 's', name: '' });
    expect(evaluateConfiguration(lamp, {}).priceCents).toBe(1000);
    expect(evaluateConfiguration(lamp, { shade: 'black', size: 's', name: 'Éva' }).priceCents).toBe(1530);
    expect(evaluateConfiguration(lamp, { size: 'l' })).toMatchObject({ problems: [], priceCents: 2000, data: { scale: 2 } });
  });

  it('names every problem and gives no price', () => {
    const codes = (s: Record<string, string>) => evaluateConfiguration(lamp, s).problems.map((p) => p.code);
    expect(codes({ shade: 'black', size: 'l' })).toEqual(['rule_broken']);
    expect(codes({ shade: 'pink', lid: 'yes' })).toEqual(['unknown_attribute', 'unknown_option']);
    expect(codes({ name: 'toolong' })).toEqual(['bad_engraving']);
    expect(codes({ name: ' a' })).toEqual(['bad_engraving']);
    expect(codes({ name: 'a\u202eb' })).toEqual(['bad_engraving']);
    expect(evaluateConfiguration(lamp, { shade: 'black', size: 'l' }).priceCents).toBeNull();
  });

  it('gives no price when the formula answers nothing usable', () => {
    expect(evaluateConfiguration({ ...lamp, price: { '-': [0, 1] } }, {}).problems.map((p) => p.code)).toEqual(['no_price']);
    expect(evaluateConfiguration({ ...lamp, price: { var: 'shade' } }, {}).problems.map((p) => p.code)).toEqual(['no_price']);
  });
});

describe('the logic allowed', () => {
  it('refuses operators that reach code or the console, and prototype names', () => {
    expect(logicProblem({ method: [{ var: 'name' }, 'toUpperCase'] })).toContain('"method" is not allowed');
    expect(logicProblem({ log: 'x' })).toContain('"log" is not allowed');
    expect(logicProblem({ var: 'constructor' })).toContain('not allowed');
    expect(logicProblem({ '==': [1, 1], '!=': [1, 2] })).toContain('exactly one operator');
    expect(() => applyLogic({ method: ['a', 'toUpperCase'] }, {})).toThrow(/cannot be used/);
    expect(logicProblem({ if: [{ '>': [{ var: 'scale' }, 1] }, 2, 1] })).toBeNull();
  });

  it('refuses logic too deep to evaluate safely', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { '!': deep };
    expect(logicProblem(deep)).toContain('nests deeper');
  });
});
