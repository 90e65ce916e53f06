/** Documented in docs/api.md; the webapp reads them from GET /api/v1/config. */
export const LIMITS = Object.freeze({
  titleMax: 200,
  descriptionMax: 10_000,
  projectNameMax: 100,
  queryMax: 200,
  idempotencyKeyMax: 200,
  pageMax: 500,
  pageDefault: 100,
});
