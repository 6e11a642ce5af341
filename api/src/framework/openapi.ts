import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Route } from './route';

/** The error body every 4xx shares; documented once as a component. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'Machine-readable kind: invalid_parameter, unknown_parameter, not_found, …' }),
      message: z.string().meta({ description: 'What is wrong, for a human' }),
      parameter: z.string().nullable().meta({ description: 'The query or path parameter at fault, if any' }),
    }),
  })
  .meta({ id: 'Error' });

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
}

/** `/a/:x` → `/a/{x}` */
export function openApiPath(koaPath: string): string {
  return koaPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The OpenAPI 3.1 document of the given routes, from their declarations alone. */
export function openApiDocument(
  routes: readonly Route[],
  info: DocumentInfo,
): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  for (const { spec } of routes) {
    const query = spec.query;
    const aliasShape: Record<string, z.ZodType> = {};
    for (const [alias, canonical] of Object.entries(spec.aliases ?? {})) {
      const target = query?.shape[canonical] as z.ZodType | undefined;
      if (target) {
        aliasShape[alias] = target.meta({ description: `Alias of \`${canonical}\`` });
      }
    }
    const errors: Record<
      string,
      { description: string; content: { 'application/json': { schema: typeof ErrorResponse } } }
    > = {
      400: {
        description: 'A parameter is invalid, unknown or repeated',
        content: { 'application/json': { schema: ErrorResponse } },
      },
    };
    if (spec.notFound) {
      errors[404] = {
        description: spec.notFound,
        content: { 'application/json': { schema: ErrorResponse } },
      };
    }
    const content: Record<string, { schema: z.ZodType }> = { 'application/json': { schema: spec.response } };
    for (const [type] of Object.entries(spec.alsoProduces ?? {})) {
      content[type] = { schema: z.string() };
    }
    registry.registerPath({
      method: spec.method ?? 'get',
      path: openApiPath(spec.path),
      operationId: spec.name,
      summary: spec.summary,
      description:
        [
          spec.description,
          ...Object.entries(spec.alsoProduces ?? {}).map(([type, d]) => `\`${type}\`: ${d.description}`),
        ]
          .filter(Boolean)
          .join('\n\n') || undefined,
      tags: [spec.tag],
      request: {
        params: spec.params,
        query: query ? query.extend(aliasShape) : undefined,
      },
      responses: {
        200: { description: 'OK', content },
        ...errors,
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { ...info },
    servers: [{ url: '/' }],
  });
}
