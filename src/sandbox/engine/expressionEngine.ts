// The one place the sandbox imports the project's expression engine, so the provisioning engine
// and the schema endpoints depend on a small, named surface of it.
export {
  evaluateExpression, parseExpression, toAttributeMappingSource, functionDescriptions, ExpressionError,
} from '../../expressions';
export type { Expression } from '../../expressions';
