import { ErrorBodySchema } from '@throughline/contract';

export const ErrorBody = ErrorBodySchema;

/** Error answers every authenticated route can give; listed so OpenAPI tells clients about them. */
export const commonErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  503: ErrorBody,
} as const;
