/** filterOperatorSchema entries the sandbox's scoping filters understand. */
export const FILTER_OPERATORS = [
  { name: 'EQUALS', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['String', 'Integer', 'Reference', 'Boolean'] },
  { name: 'NOT EQUALS', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['String', 'Integer', 'Reference', 'Boolean'] },
  { name: 'IS TRUE', arity: 'Unary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['Boolean'] },
  { name: 'IS FALSE', arity: 'Unary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['Boolean'] },
  { name: 'IS NULL', arity: 'Unary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['String', 'Integer', 'Reference', 'Boolean', 'Binary'] },
  { name: 'IS NOT NULL', arity: 'Unary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['String', 'Integer', 'Reference', 'Boolean', 'Binary'] },
  { name: 'REGEX MATCH', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['String'] },
  { name: 'NOT REGEX MATCH', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['String'] },
  { name: 'Greater_Than', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['Integer'] },
  { name: 'Greater_Than_OR_EQUALS', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['Integer'] },
  { name: 'Less_Than', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['Integer'] },
  { name: 'Less_Than_OR_EQUALS', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['Integer'] },
  { name: 'Includes', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['String'] },
  { name: 'ENDS_WITH', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['String'] },
] as const;
