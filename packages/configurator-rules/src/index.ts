export { CHOICE_KINDS, RESERVED_NAMES, type AttributeKind, type ProductAttribute, type ProductDefinition, type ProductOption, type ProductRule, type Selections } from './definition.js';
export { ALLOWED_OPERATORS, applyLogic, logicProblem } from './logic.js';
export { chosenOption, defaultSelections, engravingProblem, evaluateConfiguration, isChoice, MAX_PRICE_CENTS, type Evaluation, type Problem, type ProblemCode } from './evaluate.js';
