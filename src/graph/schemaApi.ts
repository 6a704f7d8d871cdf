import type { AttributeMappingSource, FilterOperatorSchema, AttributeMappingFunctionSchema } from '@microsoft/microsoft-graph-types';
import type { RawSchema } from '../shared/synchronizationSchema';
import type { GraphCaller } from './graphCaller';
import { paths } from './paths';
import { Access } from './permissions';

/** Answer of Graph's parseExpression. */
export interface ParseExpressionResult {
  readonly parsingSucceeded: boolean;
  readonly evaluationSucceeded: boolean;
  readonly evaluationResult: string[] | null;
  readonly parsedExpression?: AttributeMappingSource | null;
  readonly error?: { code?: string; message?: string } | null;
}

/** A job's synchronization schema: mappings, directories, and the expression helpers. */
export class SchemaApi {
  constructor(private readonly graph: GraphCaller) {}

  get(spId: string, jobId: string, signal?: AbortSignal): Promise<RawSchema> {
    return this.graph.get(paths.schema(spId, jobId), { operation: 'read the attribute mappings', access: Access.readSync, signal });
  }

  /** Replaces the whole schema (Graph has no partial update): send back what `get` returned, edited. */
  put(spId: string, jobId: string, schema: RawSchema, signal?: AbortSignal): Promise<void> {
    return this.graph.put(paths.schema(spId, jobId), schema, { operation: 'save the attribute mappings', access: Access.manageSync, signal });
  }

  /** The default schema of one of the app's synchronization templates. */
  templateSchema(spId: string, templateId: string, signal?: AbortSignal): Promise<RawSchema> {
    return this.graph.get(paths.templateSchema(spId, templateId), { operation: 'read the default mappings', access: Access.readSync, signal });
  }

  /** Restores the template's default schema. */
  reset(spId: string, jobId: string, signal?: AbortSignal): Promise<void> {
    return this.graph.delete(paths.schema(spId, jobId), { operation: 'restore the default mappings', access: Access.manageSync, signal });
  }

  parseExpression(spId: string, jobId: string, expression: string, properties: ReadonlyArray<{ key: string; value: unknown }> | undefined, signal?: AbortSignal): Promise<ParseExpressionResult> {
    const testInputObject = properties ? { definition: null, properties } : undefined;
    return this.graph.post(`${paths.schema(spId, jobId)}/parseExpression`, { expression, testInputObject, targetAttributeDefinition: null }, {
      operation: 'check the expression',
      access: Access.manageSync,
      signal,
    });
  }

  async functions(spId: string, jobId: string, signal?: AbortSignal): Promise<AttributeMappingFunctionSchema[]> {
    const body = await this.graph.get<{ value?: AttributeMappingFunctionSchema[] }>(`${paths.schema(spId, jobId)}/functions`, { operation: 'list expression functions', access: Access.manageSync, signal });
    return body?.value ?? [];
  }

  async filterOperators(spId: string, jobId: string, signal?: AbortSignal): Promise<FilterOperatorSchema[]> {
    const body = await this.graph.get<{ value?: FilterOperatorSchema[] }>(`${paths.schema(spId, jobId)}/filterOperators`, { operation: 'list scoping filter operators', access: Access.manageSync, signal });
    return body?.value ?? [];
  }
}
