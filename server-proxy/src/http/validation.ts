import type { FastifyInstance } from 'fastify';
import AjvModule from 'ajv';

const Ajv = AjvModule.default ?? AjvModule;

/**
 * JSON bodies are validated strictly (a number is not a title); query strings and params arrive as
 * text, so only they are coerced ("limit=10" is 10, "mine=true" is true).
 */
export function installValidators(app: FastifyInstance): void {
  const common = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;
  const strict = new Ajv({ ...common, coerceTypes: false });
  const coercing = new Ajv({ ...common, coerceTypes: 'array' });
  app.setValidatorCompiler(
    ({ schema, httpPart }) =>
      (httpPart === 'body' ? strict : coercing).compile(schema as object) as ReturnType<
        Parameters<FastifyInstance['setValidatorCompiler']>[0]
      >,
  );
}
