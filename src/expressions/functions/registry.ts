/** All function implementations by canonical name. */
import type { Implementation } from '../runtime';
import { dateFunctions } from './dateFunctions';
import { listFunctions } from './listFunctions';
import { logicFunctions } from './logicFunctions';
import { miscFunctions } from './miscFunctions';
import { replace } from './replaceFunction';
import { roleFunctions } from './roleFunctions';
import { textFunctions } from './textFunctions';

/** Implementation of each function of the catalog, by canonical name. */
export const implementations: ReadonlyMap<string, Implementation> = new Map(
  Object.entries({
    ...textFunctions,
    ...logicFunctions,
    ...listFunctions,
    ...dateFunctions,
    ...miscFunctions,
    ...roleFunctions,
    Replace: replace,
  }),
);
